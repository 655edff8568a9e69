import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { BoundedConcurrency } from './BoundedConcurrency'
import type { PasswordHasher } from './PasswordHasher'

export type ScryptParams = { N: number; r: number; p: number }

/** OWASP's minimum for scrypt: 2^17 × 8 × 128 bytes = 128 MiB and a few hundred ms per hash. */
export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 }

const SALT_BYTES = 16
const KEY_BYTES = 32
/** A stored text asking for more than this is refused, not run (a damaged row must not take 1 GB). */
const MAX_COST = 2 ** 20

export type ScryptHasherOptions = {
  params?: ScryptParams
  /** Hashes running at once, and waiting; past both, UNAVAILABLE. */
  concurrent?: number
  queued?: number
}

/** scrypt from node:crypto, stored as `scrypt$N$r$p$salt$key` (salt and key in base64). */
export class ScryptPasswordHasher implements PasswordHasher {
  private readonly params: ScryptParams
  private readonly gate: BoundedConcurrency

  constructor(options: ScryptHasherOptions = {}) {
    this.params = options.params ?? SCRYPT_PARAMS
    checkParams(this.params)
    this.gate = new BoundedConcurrency(options.concurrent ?? 2, options.queued ?? 32)
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES)
    const key = await this.gate.run(() => derive(password, salt, KEY_BYTES, this.params))
    const { N, r, p } = this.params
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseStored(stored)
    const key = await this.gate.run(() =>
      derive(password, parsed.salt, parsed.key.length, parsed.params),
    )
    return timingSafeEqual(key, parsed.key)
  }

  needsRehash(stored: string): boolean {
    const { params, salt, key } = parseStored(stored)
    const { N, r, p } = this.params
    return (
      params.N !== N ||
      params.r !== r ||
      params.p !== p ||
      salt.length !== SALT_BYTES ||
      key.length !== KEY_BYTES
    )
  }
}

function derive(
  password: string,
  salt: Buffer,
  length: number,
  params: ScryptParams,
): Promise<Buffer> {
  const { N, r, p } = params
  // Node refuses above 32 MiB by default; scrypt needs 128·N·r bytes, give it twice that.
  const options: ScryptOptions = { N, r, p, maxmem: 2 * 128 * N * r }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

function parseStored(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } {
  const parts = stored.split('$')
  const [scheme, n, r, p, salt, key] = parts
  if (parts.length !== 6 || scheme !== 'scrypt' || !salt || !key)
    throw new Error('A stored password is not in the form scrypt$N$r$p$salt$key')
  const params = { N: Number(n), r: Number(r), p: Number(p) }
  checkParams(params)
  const saltBytes = Buffer.from(salt, 'base64')
  const keyBytes = Buffer.from(key, 'base64')
  if (saltBytes.length < 8 || keyBytes.length < 16)
    throw new Error('A stored password has too short a salt or key')
  return { params, salt: saltBytes, key: keyBytes }
}

function checkParams({ N, r, p }: ScryptParams): void {
  const ok =
    Number.isInteger(N) &&
    N >= 2 &&
    N <= MAX_COST &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 16
  if (!ok) throw new Error(`scrypt parameters out of range: N=${N} r=${r} p=${p}`)
}
