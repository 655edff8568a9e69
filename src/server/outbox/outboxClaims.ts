import { randomUUID } from 'node:crypto'
import type { Clock } from '../../shared/domain/Clock'
import type { DbQueries } from '../db/Db'
import { OUTBOX_COLUMNS, OutboxRow } from './outboxRows'

/** A claim on one item: its token, and until when no other process may take the item. */
export type Claim = { token: string; now: string; expiresAt: string }

export function newClaim(clock: Clock, claimMs: number): Claim {
  const now = clock.now().getTime()
  return {
    token: randomUUID(),
    now: new Date(now).toISOString(),
    expiresAt: new Date(now + claimMs).toISOString(),
  }
}

/** The columns a claim holder writes back when it lets an item go. */
type ReleasedColumn =
  | 'state'
  | 'attempts'
  | 'last_error'
  | 'next_attempt_at'
  | 'remote_status'
  | 'remote_slug'
  | 'remote_link'
  | 'checked_at'
  | 'next_check_at'

/**
 * Writes what happened back onto the item and lets it go, only if `claim` still holds it: a process
 * whose claim ran out (and was taken over) changes nothing. Answers whether it wrote.
 */
export async function releaseClaim(
  q: DbQueries,
  id: string,
  claim: Claim,
  changes: Partial<Record<ReleasedColumn, string | number | null>>,
): Promise<boolean> {
  const entries = Object.entries(changes)
  const sets = entries.map(([name], index) => `${name} = $${index + 3}`)
  const released = await q.query(
    `update outbox set ${[...sets, 'claim_token = null', 'claim_expires_at = null'].join(', ')}
     where id = $1 and claim_token = $2 returning id`,
    [id, claim.token, ...entries.map(([, value]) => value ?? null)],
  )
  return released.length > 0
}

/** Claims one sent item for a look at its post, unless another process is looking at it now. */
export async function claimSent(q: DbQueries, id: string, claim: Claim): Promise<boolean> {
  const claimed = await q.query(
    `update outbox set claim_token = $2, claim_expires_at = $3::timestamptz
     where id = $1 and state = 'sent'
       and (claim_token is null or claim_expires_at <= $4::timestamptz) returning id`,
    [id, claim.token, claim.expiresAt, claim.now],
  )
  return claimed.length > 0
}

/**
 * Claims the next push due to be sent, in one statement (no transaction is held while the CMS is
 * asked): queued or failed and due, or claimed by a process whose claim ran out (it died mid-send).
 * `for update skip locked` lets several server processes claim at once without taking one item
 * twice. With `id`, only that item.
 */
export async function claimDueSend(
  q: DbQueries,
  claim: Claim,
  id: string | null = null,
): Promise<OutboxRow | null> {
  const rows = await q.query(
    `with claimed as (
       update outbox set state = 'sending', claim_token = $1, claim_expires_at = $2::timestamptz
       where id = (
         select id from outbox
         where ((state in ('queued', 'failed') and next_attempt_at <= $3::timestamptz)
             or (state = 'sending' and claim_expires_at <= $3::timestamptz))
           and ($4::uuid is null or id = $4::uuid)
         order by coalesce(next_attempt_at, claim_expires_at), id
         limit 1
         for update skip locked)
       returning *)
     select ${OUTBOX_COLUMNS} from claimed o join accounts a on a.id = o.pushed_by`,
    [claim.token, claim.expiresAt, claim.now, id],
  )
  return rows[0] === undefined ? null : OutboxRow.parse(rows[0])
}

/** Claims the next sent post due a look at its status (a WordPress draft waiting to go live). */
export async function claimDueCheck(q: DbQueries, claim: Claim): Promise<OutboxRow | null> {
  const rows = await q.query(
    `with claimed as (
       update outbox set claim_token = $1, claim_expires_at = $2::timestamptz
       where id = (
         select id from outbox
         where state = 'sent' and next_check_at <= $3::timestamptz
           and (claim_token is null or claim_expires_at <= $3::timestamptz)
         order by next_check_at, id
         limit 1
         for update skip locked)
       returning *)
     select ${OUTBOX_COLUMNS} from claimed o join accounts a on a.id = o.pushed_by`,
    [claim.token, claim.expiresAt, claim.now],
  )
  return rows[0] === undefined ? null : OutboxRow.parse(rows[0])
}

/** When the outbox has something due next (a send, an expired claim, a post to look at), if ever. */
export async function nextDueAt(q: DbQueries): Promise<Date | null> {
  const rows = await q.query(
    `select least(
       (select min(next_attempt_at) from outbox where state in ('queued', 'failed')),
       (select min(claim_expires_at) from outbox where claim_token is not null),
       (select min(next_check_at) from outbox where next_check_at is not null)) as next`,
  )
  const next = rows[0]?.['next']
  return next instanceof Date ? next : null
}
