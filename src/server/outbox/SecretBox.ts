import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const VERSION = 'v1'

/**
 * Seals the CMS secrets the desk server keeps in its database with AES-256-GCM, under a key that is
 * not in the database: a dump (or a backup, or a read replica) alone does not give a password away.
 * Each sealed value is bound to what it is for (`context`: the target and the origin it was entered
 * for), so a sealed value copied onto another target or origin does not open.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** A box over a 32-byte key. */
  static fromKey(key: Buffer): SecretBox {
    if (key.length !== 32)
      throw new Error(`The desk's secret key must be 32 bytes; this one is ${key.length}.`)
    return new SecretBox(Buffer.from(key))
  }

  /**
   * A value that tells this key from another without giving it away (an HMAC of a fixed label under
   * it): the desk keeps it, so a server with another key is found at start, not by failed pushes.
   */
  keyCheck(): string {
    return createHmac('sha256', this.key).update('copydesk cms-secret key check v1').digest('hex')
  }

  /**
   * An unguessable mark of `value` for `purpose` (an HMAC under the desk's key, 128 bits, base64url):
   * a capability the desk can check again without storing it, that no one without the key can make.
   */
  capability(purpose: string, value: string): string {
    return createHmac('sha256', this.key)
      .update(`copydesk capability v1\n${purpose}\n${value}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url')
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return [VERSION, iv, cipher.getAuthTag(), sealed].map(encode).join('.')
  }

  /** The secret, or an Error saying it cannot be opened with this key (or for this context). */
  open(sealed: string, context: string): string {
    const [version, iv, tag, body] = sealed.split('.')
    if (version !== VERSION || !iv || !tag || body === undefined)
      throw new Error('The stored secret is not in a form this server reads.')
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
      decipher.setAAD(Buffer.from(context, 'utf8'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8')
    } catch {
      throw new Error(
        "The stored secret does not open with this server's key (the key file or COPYDESK_SECRET_KEY changed since it was entered): enter it again.",
      )
    }
  }
}

function encode(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url')
}

/** The key file in the server's data folder, made on first use, readable by its owner only. */
export const SECRET_KEY_FILE = 'cms-secret.key'

/**
 * The desk's secret key: COPYDESK_SECRET_KEY (32 bytes as base64 or 64 hex digits) when set, so
 * several servers on one database share it; otherwise the key file in the data folder, made (0600)
 * on first use. Every server process on one database needs the same key.
 */
export async function loadSecretKey(options: {
  dataDir: string
  env?: Record<string, string | undefined>
}): Promise<Buffer> {
  const fromEnv = options.env?.['COPYDESK_SECRET_KEY']?.trim()
  if (fromEnv) return parseKey(fromEnv, 'COPYDESK_SECRET_KEY')
  const path = join(options.dataDir, SECRET_KEY_FILE)
  try {
    return parseKey((await readFile(path, 'utf8')).trim(), path)
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error
  }
  const key = randomBytes(32)
  // A server on PostgreSQL may have had no use for its data folder before this.
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  try {
    await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    return key
  } catch (error) {
    // Another process made it first: use theirs.
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST')
      return parseKey((await readFile(path, 'utf8')).trim(), path)
    throw error
  }
}

function parseKey(text: string, where: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64')
  if (key.length !== 32)
    throw new Error(
      `${where} does not hold a 32-byte key (base64 or 64 hex digits); make one with: openssl rand -base64 32`,
    )
  return key
}
