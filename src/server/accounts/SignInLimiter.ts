import { z } from 'zod'
import { DeskError } from '../../shared/desk/DeskError'
import type { Clock } from '../../shared/domain/Clock'
import type { Db, DbQueries } from '../db/Db'
import { addressKey } from './addressKey'
import { ADVISORY_LOCKS } from './advisoryLocks'

export type SignInLimit = { failures: number; windowMinutes: number }
export type SignInLimits = { perEmail: SignInLimit; perAddress: SignInLimit }

/** Five wrong passwords for one e-mail, or thirty from one address, in 15 minutes. */
export const SIGN_IN_LIMITS: SignInLimits = {
  perEmail: { failures: 5, windowMinutes: 15 },
  perAddress: { failures: 30, windowMinutes: 15 },
}

const AtRow = z.object({ at: z.date() })
const IdRow = z.object({ id: z.number() })

/**
 * Failed sign-ins, counted in the database (table sign_in_attempts) so that several server
 * processes on one database share the counts, and checked before any password is hashed. An
 * attempt is written first and counts at once; a success deletes its e-mail's rows.
 */
export class SignInLimiter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly limits: SignInLimits = SIGN_IN_LIMITS,
  ) {}

  /**
   * Records an attempt and refuses it (RATE_LIMITED, details `{ retryAfterSeconds }`, nothing kept)
   * if the attempts before it already reach a limit. Attempts on one e-mail or from one address
   * queue on an advisory lock, so parallel guesses, on one server process or several, are counted
   * exactly. Resolves to the attempt's id.
   */
  async begin(emailKey: string, remoteAddress: string): Promise<number> {
    const now = this.clock.now()
    const email = emailKey.slice(0, 320)
    const address = addressKey(remoteAddress)
    const id = await this.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [
        ADVISORY_LOCKS.signInEmail,
        email,
      ])
      await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [
        ADVISORY_LOCKS.signInAddress,
        address,
      ])
      const [inserted] = await tx.query(
        `insert into sign_in_attempts (at, email_key, address_key)
         values ($1::timestamptz, $2, $3) returning id`,
        [now, email, address],
      )
      const attempt = IdRow.parse(inserted).id
      const byEmail = await blockedUntil(tx, 'email_key', email, attempt, now, this.limits.perEmail)
      const byAddress = await blockedUntil(
        tx,
        'address_key',
        address,
        attempt,
        now,
        this.limits.perAddress,
      )
      const until = Math.max(byEmail ?? 0, byAddress ?? 0)
      if (until === 0) return attempt
      const retryAfterSeconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000))
      const minutes = Math.ceil(retryAfterSeconds / 60)
      const who = byEmail !== null ? 'this e-mail' : 'this network address'
      // Thrown inside the transaction: the refused attempt is rolled back and does not count.
      throw new DeskError(
        'RATE_LIMITED',
        `Too many failed sign-ins for ${who}: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        { retryAfterSeconds },
      )
    })
    await this.prune(now)
    return id
  }

  /** The attempt was never judged (the server was too busy to check the password): it does not count. */
  async withdraw(attemptId: number): Promise<void> {
    await this.db.query('delete from sign_in_attempts where id = $1', [attemptId])
  }

  /** A right password: the e-mail's failures are forgiven (the address's stay). */
  async succeeded(tx: DbQueries, emailKey: string): Promise<void> {
    await tx.query('delete from sign_in_attempts where email_key = $1', [emailKey])
  }

  /** Forget an e-mail's failures (an admin just set its password). */
  async clear(tx: DbQueries, emailKey: string): Promise<void> {
    await this.succeeded(tx, emailKey)
  }

  private async prune(now: Date): Promise<void> {
    const longest = Math.max(
      this.limits.perEmail.windowMinutes,
      this.limits.perAddress.windowMinutes,
    )
    await this.db.query('delete from sign_in_attempts where at < $1::timestamptz', [
      new Date(now.getTime() - 2 * longest * 60_000),
    ])
  }
}

/**
 * When the window stops holding `failures` earlier attempts: the time the failures-th most
 * recent of them leaves it. Null when under the limit.
 */
async function blockedUntil(
  tx: DbQueries,
  column: 'email_key' | 'address_key',
  key: string,
  attemptId: number,
  now: Date,
  limit: SignInLimit,
): Promise<number | null> {
  const windowMs = limit.windowMinutes * 60_000
  const rows = await tx.query(
    `select at from sign_in_attempts
       where ${column} = $1 and at > $2::timestamptz and id < $3
       order by at desc offset $4 limit 1`,
    [key, new Date(now.getTime() - windowMs), attemptId, limit.failures - 1],
  )
  const [row] = rows
  return row === undefined ? null : AtRow.parse(row).at.getTime() + windowMs
}
