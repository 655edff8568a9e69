import { z } from 'zod'
import { AccountRole } from '../../shared/desk/AccountRole'
import { DeskError } from '../../shared/desk/DeskError'
import type { Clock } from '../../shared/domain/Clock'
import type { DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { DEVICE_TOKEN_PATTERN, deviceTokenHash } from './deviceToken'

/** last_used_at is written at most this often per device, not on every request. */
const LAST_USED_EVERY_MS = 60_000

const TokenRow = z.object({
  device_id: z.string(),
  expires_at: z.date(),
  revoked_at: z.date().nullable(),
  last_used_at: z.date().nullable(),
  account_id: z.string(),
  name: z.string(),
  email: z.string(),
  role: AccountRole,
  disabled_at: z.date().nullable(),
})

/**
 * The principal a bearer token stands for, read from the database now (so a role change or a
 * disabled account counts at once), or UNAUTHENTICATED saying why not.
 */
export async function authenticateToken(
  db: DbQueries,
  clock: Clock,
  token: string,
): Promise<Principal> {
  if (!DEVICE_TOKEN_PATTERN.test(token))
    throw new DeskError('UNAUTHENTICATED', 'Unknown device token: sign in again.')
  const [found] = await db.query(
    `select t.id as device_id, t.expires_at, t.revoked_at, t.last_used_at,
            a.id as account_id, a.name, a.email, a.role, a.disabled_at
     from device_tokens t join accounts a on a.id = t.account_id
     where t.token_hash = $1`,
    [deviceTokenHash(token)],
  )
  if (found === undefined)
    throw new DeskError(
      'UNAUTHENTICATED',
      'Unknown device token (not one this desk gave out): sign in again.',
    )
  const row = TokenRow.parse(found)
  const now = clock.now()
  if (row.disabled_at !== null)
    throw new DeskError('UNAUTHENTICATED', 'This account is disabled: ask a desk admin.')
  if (row.revoked_at !== null)
    throw new DeskError(
      'UNAUTHENTICATED',
      'This device was signed out (its token was revoked): sign in again.',
    )
  if (row.expires_at.getTime() <= now.getTime())
    throw new DeskError(
      'UNAUTHENTICATED',
      `This device's sign-in expired on ${row.expires_at.toISOString()}: sign in again.`,
    )
  if (row.last_used_at === null || now.getTime() - row.last_used_at.getTime() >= LAST_USED_EVERY_MS)
    await db.query(
      `update device_tokens set last_used_at = $2::timestamptz
       where id = $1 and (last_used_at is null or last_used_at <= $3::timestamptz)`,
      [row.device_id, now, new Date(now.getTime() - LAST_USED_EVERY_MS)],
    )
  return {
    accountId: row.account_id,
    name: row.name,
    email: row.email,
    role: row.role,
    deviceId: row.device_id,
  }
}
