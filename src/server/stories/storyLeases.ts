import { z } from 'zod'
import { recordChange } from '../feed/recordChange'
import type {
  LeaseLostDetails,
  LiveLease,
  StoryLease,
} from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { leaseView } from './storyDocument'
import { leaseHeld } from './storyErrors'
import {
  appendAudit,
  LeaseRow,
  liveLeaseCondition,
  loadAnyLease,
  loadLiveLease,
  loadOpenTakeOver,
  person,
} from './storyRows'

/** A moment of a lease operation: now, and when a lease taken or renewed now expires. */
export type LeaseTimes = { now: string; expiresAt: string }

/**
 * Gives the caller's device the story's lease: free, expired, orphaned (its device signed out) or
 * already its own. Run in a transaction holding the story's row lock. Acquiring again also
 * acknowledges any take-over of this device's earlier lease: its saves are stored normally again.
 */
export async function takeLease(
  tx: DbQueries,
  principal: Principal,
  id: string,
  times: LeaseTimes,
  live: LeaseRow | null,
): Promise<StoryLease> {
  if (live !== null && live.device_id !== principal.deviceId)
    throw leaseHeld(live, principal.accountId, times.now)
  const since = live?.since.toISOString() ?? times.now
  await tx.query(
    `insert into leases (article_id, account_id, device_id, since, expires_at)
     values ($1, $2, $3, $4::timestamptz, $5::timestamptz)
     on conflict (article_id) do update set account_id = excluded.account_id,
       device_id = excluded.device_id, since = excluded.since, expires_at = excluded.expires_at`,
    [id, principal.accountId, principal.deviceId, since, times.expiresAt],
  )
  await tx.query(
    `update lease_takeovers set resolved_at = $3::timestamptz
     where article_id = $1 and from_device_id = $2 and resolved_at is null`,
    [id, principal.deviceId, times.now],
  )
  const lease = leaseView(await loadLiveLease(tx, id, times.now), principal.deviceId)
  if (lease === null) throw new Error(`the lease on ${id} was not live right after it was taken`)
  if (live === null) await recordChange(tx, 'lease_changed', id, null, principal.accountId)
  return lease
}

/**
 * Extends the caller's lease. After a take-over the former holder is told who took the story, when
 * and why (CONFLICT); a lease that merely expired is taken again if nobody else holds it.
 */
export async function renewLease(
  tx: DbQueries,
  principal: Principal,
  id: string,
  times: LeaseTimes,
): Promise<StoryLease> {
  const takeOver = await loadOpenTakeOver(tx, id, principal.deviceId)
  if (takeOver !== null) {
    const details: LeaseLostDetails = {
      reason: 'lease_taken_over',
      takenBy: person(takeOver.by_account_id, takeOver.by_name),
      at: takeOver.at.toISOString(),
      note: takeOver.note,
    }
    throw new DeskError(
      'CONFLICT',
      `${takeOver.by_name} took this story over at ${details.at}: "${takeOver.note}". Anything you save now is kept as a copy for the desk; open the story again to go on editing.`,
      details,
    )
  }
  return takeLease(tx, principal, id, times, await loadLiveLease(tx, id, times.now))
}

/**
 * A desk chief takes the story's lease from its holder, with a note the holder is shown: the
 * take-over is recorded (so the holder's later saves are kept, never lost) and audited. A lease that
 * lapsed while its holder was offline (a writer on a train) counts too: that holder comes back with
 * unsynced words, which must be kept like a live holder's.
 */
export async function takeOverLease(
  tx: DbQueries,
  principal: Principal,
  id: string,
  note: string,
  times: LeaseTimes,
): Promise<StoryLease> {
  const live = await loadLiveLease(tx, id, times.now)
  const holder = live ?? (await loadAnyLease(tx, id))
  if (holder === null || holder.device_id === principal.deviceId)
    return takeLease(tx, principal, id, times, live)
  const rows = await tx.query(
    `insert into lease_takeovers (article_id, from_account_id, from_device_id, by_account_id, at, note)
     values ($1, $2, $3, $4, $5::timestamptz, $6) returning id`,
    [id, holder.account_id, holder.device_id, principal.accountId, times.now, note],
  )
  await appendAudit(tx, {
    at: times.now,
    actorId: principal.accountId,
    action: 'lease_taken_over',
    articleId: id,
    revision: null,
    detail: {
      from: person(holder.account_id, holder.holder_name),
      since: holder.since.toISOString(),
      lapsed: live === null,
      note,
      takeOverId: String(rows[0]?.['id']),
    },
  })
  // The former holder's row goes; the chief's starts now.
  await tx.query('delete from leases where article_id = $1', [id])
  return takeLease(tx, principal, id, times, null)
}

/** Lets go of the caller's own lease (the editor closed); true when there was one. */
export async function releaseLease(
  tx: DbQueries,
  principal: Principal,
  id: string,
): Promise<boolean> {
  const rows = await tx.query(
    'delete from leases where article_id = $1 and device_id = $2 returning article_id',
    [id, principal.deviceId],
  )
  if (rows.length === 0) return false
  await recordChange(tx, 'lease_changed', id, null, principal.accountId)
  return true
}

const LiveLeaseRow = LeaseRow.extend({ article_id: z.string() })

/**
 * Every lease live at `now`, oldest first: one query over the leases still running (the index on
 * expires_at skips the expired rows a desk keeps until the story is leased again), never the stories.
 */
export async function listLiveLeases(
  q: DbQueries,
  principal: Principal,
  now: string,
): Promise<LiveLease[]> {
  const rows = await q.query(
    `select l.article_id, l.account_id, la.name as holder_name, l.device_id, l.since, l.expires_at
     from leases l
     join accounts la on la.id = l.account_id
     join device_tokens d on d.id = l.device_id
     where ${liveLeaseCondition('$1')}
     order by l.since, l.article_id`,
    [now],
  )
  return rows.map((raw) => {
    const row = LiveLeaseRow.parse(raw)
    return {
      storyId: row.article_id,
      holder: person(row.account_id, row.holder_name),
      since: row.since.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      yours: row.device_id === principal.deviceId,
    }
  })
}
