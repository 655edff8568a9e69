import { createHash, randomBytes } from 'node:crypto'

/** A token as the server hands it out: 32 random bytes, base64url (43 characters). */
export const DEVICE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/**
 * A new device token and the SHA-256 the server keeps. A fast hash is right here, unlike for a
 * password: the token has 256 bits of entropy, so nobody can guess their way back from the hash.
 */
export function newDeviceToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: deviceTokenHash(token) }
}

export function deviceTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
