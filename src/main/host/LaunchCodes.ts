import { createHash, randomBytes } from 'node:crypto'
import { systemClock, type Clock } from '../../shared/domain/Clock'

export type LaunchCode = { code: string; expiresAt: number }

export type Redeemed =
  { ok: true } | { ok: false; reason: 'used' | 'expired' | 'unknown'; message: string }

const GET_IN = 'open Copydesk with the link printed in the terminal where it runs'

/**
 * One-time codes the host opens the browser with: random, short-lived, good for one exchange. The
 * session token itself never has to be handed to another program, whose command line any local
 * user can read. Codes are kept by their hash, so a lookup reveals nothing about a live code.
 */
export class LaunchCodes {
  private readonly codes = new Map<
    string,
    { expiresAt: number; used: boolean; onUsed: (() => void) | undefined }
  >()

  constructor(private readonly clock: Clock = systemClock) {}

  /** A new code, live for `ttlMs`; `onUsed` is told when it is exchanged. */
  issue(ttlMs: number, onUsed?: () => void): LaunchCode {
    this.prune()
    const code = randomBytes(24).toString('base64url')
    const expiresAt = this.clock.now().getTime() + ttlMs
    this.codes.set(digest(code), { expiresAt, used: false, onUsed })
    return { code, expiresAt }
  }

  /** Uses `code` up: the first call with a live code succeeds, every later one is refused. */
  redeem(code: string): Redeemed {
    const entry = this.codes.get(digest(code))
    if (!entry)
      return {
        ok: false,
        reason: 'unknown',
        message: `This link does not open this Copydesk (it may be from an earlier run): ${GET_IN}.`,
      }
    if (entry.used)
      return {
        ok: false,
        reason: 'used',
        message: `This link was already used: each launch link opens Copydesk once. To open it again, ${GET_IN}.`,
      }
    if (entry.expiresAt <= this.clock.now().getTime()) {
      entry.used = true
      return {
        ok: false,
        reason: 'expired',
        message: `This link has expired: launch links work for a few minutes. To open Copydesk, ${GET_IN}.`,
      }
    }
    entry.used = true
    entry.onUsed?.()
    return { ok: true }
  }

  /** Forgets codes long dead, keeping recent ones so a second use is named as such. */
  private prune(): void {
    const horizon = this.clock.now().getTime() - 24 * 60 * 60 * 1000
    for (const [key, entry] of this.codes) if (entry.expiresAt < horizon) this.codes.delete(key)
  }
}

function digest(code: string): string {
  return createHash('sha256').update(code).digest('hex')
}
