import { z } from 'zod'
import type { DeskOutboxItem } from '../../shared/desk/calls/deskOutboxCalls'
import type { DbQueries } from '../db/Db'

export const OutboxRow = z.object({
  id: z.string(),
  article_id: z.string(),
  target: z.enum(['webhook', 'wordpress']),
  site: z.string(),
  revision: z.number().int(),
  content_key: z.string(),
  headline: z.string(),
  correction: z.string().nullable(),
  pushed_by: z.string(),
  pushed_by_name: z.string(),
  state: z.enum(['queued', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  next_attempt_at: z.date().nullable(),
  last_error: z.string().nullable(),
  remote_id: z.string().nullable(),
  created_at: z.date(),
  sent_at: z.date().nullable(),
  remote_status: z.string().nullable(),
  remote_slug: z.string().nullable(),
  remote_link: z.string().nullable(),
  checked_at: z.date().nullable(),
  notices: z.array(z.string()),
  claim_token: z.string().nullable(),
})
export type OutboxRow = z.infer<typeof OutboxRow>

/** The columns an OutboxRow is read from, on `outbox o` joined to the pusher's account `a`. */
export const OUTBOX_COLUMNS = `o.id, o.article_id, o.target, o.site, o.revision, o.content_key,
  o.headline, o.correction, o.pushed_by, a.name as pushed_by_name, o.state, o.attempts,
  o.next_attempt_at, o.last_error, o.remote_id, o.created_at, o.sent_at, o.remote_status,
  o.remote_slug, o.remote_link, o.checked_at, o.notices, o.claim_token`

export function itemOf(row: OutboxRow): DeskOutboxItem {
  return {
    id: row.id,
    articleId: row.article_id,
    headline: row.headline,
    // The desk server does not schedule yet (README, Publishing time): its pushes go when sent.
    scheduledFor: null,
    target: row.target,
    site: row.site,
    revision: row.revision,
    contentKey: row.content_key,
    by: row.pushed_by_name,
    pushedBy: { accountId: row.pushed_by, name: row.pushed_by_name },
    correction: row.correction,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    lastError: row.last_error,
    remoteId: row.remote_id,
    createdAt: row.created_at.toISOString(),
    sentAt: iso(row.sent_at),
    remoteStatus: row.remote_status,
    remoteSlug: row.remote_slug,
    remoteLink: row.remote_link,
    checkedAt: iso(row.checked_at),
    notices: row.notices,
  }
}

function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString()
}

export async function loadItem(q: DbQueries, id: string): Promise<OutboxRow | null> {
  const rows = await q.query(
    `select ${OUTBOX_COLUMNS} from outbox o join accounts a on a.id = o.pushed_by where o.id = $1`,
    [id],
  )
  return rows[0] === undefined ? null : OutboxRow.parse(rows[0])
}

/** The newest delivery of a story to one site of a target: what the CMS has now. */
export async function latestSent(
  q: DbQueries,
  articleId: string,
  target: string,
  site: string,
): Promise<OutboxRow | null> {
  const rows = await q.query(
    `select ${OUTBOX_COLUMNS} from outbox o join accounts a on a.id = o.pushed_by
     where o.article_id = $1 and o.target = $2 and o.site = $3 and o.state = 'sent'
     order by o.sent_at desc, o.id desc limit 1`,
    [articleId, target, site],
  )
  return rows[0] === undefined ? null : OutboxRow.parse(rows[0])
}

/** The post id this story was given on this site by an earlier push, if any. */
export async function rememberedRemoteId(
  q: DbQueries,
  articleId: string,
  target: string,
  site: string,
): Promise<string | null> {
  const rows = await q.query(
    `select remote_id from outbox
     where article_id = $1 and target = $2 and site = $3 and state = 'sent' and remote_id is not null
     order by sent_at desc, id desc limit 1`,
    [articleId, target, site],
  )
  return z.object({ remote_id: z.string() }).optional().parse(rows[0])?.remote_id ?? null
}

/** Posts this story got on other sites of the target: said when it gets its own post on this one. */
export async function remoteIdsElsewhere(
  q: DbQueries,
  articleId: string,
  target: string,
  site: string,
): Promise<[string, string][]> {
  const rows = await q.query(
    `select distinct site, remote_id from outbox
     where article_id = $1 and target = $2 and site <> $3 and state = 'sent' and remote_id is not null`,
    [articleId, target, site],
  )
  return rows.map((row) => {
    const parsed = z.object({ site: z.string(), remote_id: z.string() }).parse(row)
    return [parsed.site, parsed.remote_id]
  })
}

/** Appends an outbox event to the story's audit trail and tells the change feed, in one transaction. */
export async function auditOutbox(
  tx: DbQueries,
  entry: {
    at: string
    actorId: string
    action: string
    articleId: string
    revision: number
    detail: Record<string, string | number | boolean | null | string[]>
  },
): Promise<void> {
  await tx.query(
    `insert into audit (at, actor_id, action, article_id, revision, detail)
     values ($1::timestamptz, $2, $3, $4, $5, $6::jsonb)`,
    [entry.at, entry.actorId, entry.action, entry.articleId, entry.revision, entry.detail],
  )
  await tx.query('select record_change($1, $2, $3, $4)', [
    'outbox_changed',
    entry.articleId,
    entry.revision,
    entry.actorId,
  ])
}
