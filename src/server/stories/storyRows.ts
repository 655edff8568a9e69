import { z } from 'zod'
import { AgencyKill, ArticleStatus, Correction } from '../../shared/domain/Article'
import { AccountRole } from '../../shared/desk/AccountRole'
import type { DeskPerson } from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { DbQueries } from '../db/Db'
import type { Principal } from '../Principal'

const Int = z.number().int()

/** An articles row with the names of the accounts it points at. */
export const ArticleRow = z.object({
  id: z.string(),
  status: ArticleStatus,
  current_revision: Int,
  approved_revision: Int.nullable(),
  approved_by: z.string().nullable(),
  approved_by_name: z.string().nullable(),
  approved_at: z.date().nullable(),
  created_by: z.string(),
  created_by_name: z.string(),
  created_at: z.date(),
  updated_at: z.date(),
  status_changed_at: z.date().nullable(),
  status_note: z.object({ by: z.string(), at: z.string(), text: z.string() }).nullable(),
  published_at: z.date().nullable(),
  published_revision: Int.nullable(),
  corrections: z.array(Correction),
  agency_kill: AgencyKill.nullable(),
})
export type ArticleRow = z.infer<typeof ArticleRow>

const SELECT_ARTICLE = `
  select a.*, cb.name as created_by_name, ab.name as approved_by_name
  from articles a
  join accounts cb on cb.id = a.created_by
  left join accounts ab on ab.id = a.approved_by
  where a.id = $1`

/** The story's row, locked for the rest of the transaction when `lock` (saves, transitions and leases queue on it). */
export async function loadArticle(
  q: DbQueries,
  id: string,
  lock = false,
): Promise<ArticleRow | null> {
  const rows = await q.query(lock ? `${SELECT_ARTICLE} for no key update of a` : SELECT_ARTICLE, [
    id,
  ])
  return rows[0] === undefined ? null : ArticleRow.parse(rows[0])
}

export const RevisionRow = z.object({
  number: Int,
  base_revision: Int.nullable(),
  document: z.unknown(),
  saved_by: z.string(),
  saved_by_name: z.string(),
  saved_at: z.date(),
})
export type RevisionRow = z.infer<typeof RevisionRow>

export async function loadRevision(
  q: DbQueries,
  id: string,
  number: number,
): Promise<RevisionRow | null> {
  const rows = await q.query(
    `select r.number, r.base_revision, r.document, r.saved_by, s.name as saved_by_name, r.saved_at
     from revisions r join accounts s on s.id = r.saved_by
     where r.article_id = $1 and r.number = $2`,
    [id, number],
  )
  return rows[0] === undefined ? null : RevisionRow.parse(rows[0])
}

/** The revision a story's row names as current; its absence is a broken database, not a user's mistake. */
export async function currentRevisionOf(q: DbQueries, row: ArticleRow): Promise<RevisionRow> {
  const revision = await loadRevision(q, row.id, row.current_revision)
  if (revision === null)
    throw new Error(`story ${row.id} names revision ${row.current_revision}, which is not stored`)
  return revision
}

export const LeaseRow = z.object({
  account_id: z.string(),
  holder_name: z.string(),
  device_id: z.string(),
  since: z.date(),
  expires_at: z.date(),
})
export type LeaseRow = z.infer<typeof LeaseRow>

/**
 * The condition that makes a lease (l, its holder la, its device d) live at $now: not expired, its
 * device token neither revoked nor expired, its account enabled. A session's leases go with it.
 */
export function liveLeaseCondition(now: string): string {
  return `l.expires_at > ${now}::timestamptz and d.revoked_at is null
    and d.expires_at > ${now}::timestamptz and la.disabled_at is null`
}

/** The story's lease if it is live at `now`; an expired or orphaned one counts as free. */
export async function loadLiveLease(
  q: DbQueries,
  id: string,
  now: string,
): Promise<LeaseRow | null> {
  const rows = await q.query(
    `select l.account_id, la.name as holder_name, l.device_id, l.since, l.expires_at
     from leases l
     join accounts la on la.id = l.account_id
     join device_tokens d on d.id = l.device_id
     where l.article_id = $1 and ${liveLeaseCondition('$2')}`,
    [id, now],
  )
  return rows[0] === undefined ? null : LeaseRow.parse(rows[0])
}

/**
 * The story's lease row whatever its state: a lease that lapsed while its holder was offline still
 * names the device whose later saves a take-over must keep.
 */
export async function loadAnyLease(q: DbQueries, id: string): Promise<LeaseRow | null> {
  const rows = await q.query(
    `select l.account_id, la.name as holder_name, l.device_id, l.since, l.expires_at
     from leases l join accounts la on la.id = l.account_id
     where l.article_id = $1`,
    [id],
  )
  return rows[0] === undefined ? null : LeaseRow.parse(rows[0])
}

export const TakeOverRow = z.object({
  id: z.string(),
  by_account_id: z.string(),
  by_name: z.string(),
  at: z.date(),
  note: z.string(),
})
export type TakeOverRow = z.infer<typeof TakeOverRow>

/** The latest take-over of this device's lease on the story that the device has not yet acknowledged (by acquiring again). */
export async function loadOpenTakeOver(
  q: DbQueries,
  id: string,
  deviceId: string,
): Promise<TakeOverRow | null> {
  const rows = await q.query(
    `select t.id, t.by_account_id, b.name as by_name, t.at, t.note
     from lease_takeovers t join accounts b on b.id = t.by_account_id
     where t.article_id = $1 and t.from_device_id = $2 and t.resolved_at is null
     order by t.at desc, t.id limit 1`,
    [id, deviceId],
  )
  return rows[0] === undefined ? null : TakeOverRow.parse(rows[0])
}

/**
 * The caller's role and name as the accounts table has them inside this transaction, not as they
 * were when the request was authenticated: a demoted or disabled account acts as what it is now.
 */
export async function callerAccount(
  q: DbQueries,
  principal: Principal,
): Promise<{ role: AccountRole; name: string }> {
  const rows = await q.query(
    'select role, name from accounts where id = $1 and disabled_at is null',
    [principal.accountId],
  )
  if (rows[0] === undefined)
    throw new DeskError('UNAUTHENTICATED', 'This account is disabled or no longer exists.')
  return z.object({ role: AccountRole, name: z.string() }).parse(rows[0])
}

export function person(accountId: string, name: string): DeskPerson {
  return { accountId, name }
}

/** Appends to the audit trail (append-only: the trigger refuses anything else). */
export async function appendAudit(
  q: DbQueries,
  entry: {
    at: string
    actorId: string
    action: string
    articleId: string
    revision: number | null
    detail: Record<string, unknown>
  },
): Promise<void> {
  await q.query(
    `insert into audit (at, actor_id, action, article_id, revision, detail)
     values ($1::timestamptz, $2, $3, $4, $5, $6::jsonb)`,
    [
      entry.at,
      entry.actorId,
      entry.action,
      entry.articleId,
      entry.revision,
      JSON.stringify(entry.detail),
    ],
  )
}
