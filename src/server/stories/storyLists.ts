import { z } from 'zod'
import { ArticleStatus } from '../../shared/domain/Article'
import type {
  ListStoriesInput,
  StoryAuditEntry,
  StoryNote,
  StoryPage,
} from '../../shared/desk/calls/deskStoryCalls'
import type { Db, DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { leaseView } from './storyDocument'
import { liveLeaseCondition, person } from './storyRows'

const Int = z.number().int()

const SummaryRow = z.object({
  id: z.string(),
  status: ArticleStatus,
  current_revision: Int,
  approved_revision: Int.nullable(),
  updated_at: z.date(),
  created_by: z.string(),
  created_by_name: z.string(),
  headline: z.string().nullable(),
  lease_account_id: z.string().nullable(),
  lease_holder_name: z.string().nullable(),
  lease_device_id: z.string().nullable(),
  lease_since: z.date().nullable(),
  lease_expires_at: z.date().nullable(),
})

/**
 * One page of the desk's stories in id order (an id never changes, so a save during a first sync
 * moves nothing between pages; the feed from `seq`, read before the page, brings what changed).
 */
export async function listStoryPage(
  db: Db,
  principal: Principal,
  input: ListStoriesInput,
  now: string,
): Promise<StoryPage> {
  const counter = await db.query('select last_seq from change_counter')
  const seq = z.object({ last_seq: Int }).parse(counter[0]).last_seq
  const rows = await db.query(
    `select a.id, a.status, a.current_revision, a.approved_revision, a.updated_at, a.created_by,
       cb.name as created_by_name, r.document->>'headline' as headline,
       l.account_id as lease_account_id, la.name as lease_holder_name, l.device_id as lease_device_id,
       l.since as lease_since, l.expires_at as lease_expires_at
     from articles a
     join accounts cb on cb.id = a.created_by
     join revisions r on r.article_id = a.id and r.number = a.current_revision
     left join (leases l
       join accounts la on la.id = l.account_id
       join device_tokens d on d.id = l.device_id)
       on l.article_id = a.id and ${liveLeaseCondition('$3')}
     where ($1::uuid is null or a.id > $1::uuid)
     order by a.id
     limit $2`,
    [input.after ?? null, input.limit + 1, now],
  )
  const parsed = rows.map((raw) => SummaryRow.parse(raw))
  const page = parsed.slice(0, input.limit)
  const stories = page.map((row) => ({
    id: row.id,
    headline: row.headline ?? '',
    status: row.status,
    currentRevision: row.current_revision,
    approvedRevision: row.approved_revision,
    createdBy: person(row.created_by, row.created_by_name),
    lease:
      row.lease_account_id !== null &&
      row.lease_holder_name !== null &&
      row.lease_device_id !== null &&
      row.lease_since !== null &&
      row.lease_expires_at !== null
        ? leaseView(
            {
              account_id: row.lease_account_id,
              holder_name: row.lease_holder_name,
              device_id: row.lease_device_id,
              since: row.lease_since,
              expires_at: row.lease_expires_at,
            },
            principal.deviceId,
          )
        : null,
    updatedAt: row.updated_at.toISOString(),
  }))
  const last = page.at(-1)
  return { stories, next: parsed.length > input.limit && last ? last.id : null, seq }
}

const NoteRow = z.object({
  id: z.string(),
  article_id: z.string(),
  revision: Int.nullable(),
  author_id: z.string(),
  author_name: z.string(),
  body: z.string(),
  created_at: z.date(),
})

/** The story's notes, oldest first, each with its author's name as the accounts table has it now. */
export async function listNotes(db: Db, id: string): Promise<StoryNote[]> {
  const rows = await db.query(
    `select n.id, n.article_id, n.revision, n.author_id, ac.name as author_name, n.body, n.created_at
     from notes n join accounts ac on ac.id = n.author_id
     where n.article_id = $1 order by n.position`,
    [id],
  )
  return rows.map((raw) => noteOf(NoteRow.parse(raw)))
}

/** One note by its id, on whichever story it is. */
export async function findNote(q: DbQueries, noteId: string): Promise<StoryNote | null> {
  const rows = await q.query(
    `select n.id, n.article_id, n.revision, n.author_id, ac.name as author_name, n.body, n.created_at
     from notes n join accounts ac on ac.id = n.author_id
     where n.id = $1`,
    [noteId],
  )
  return rows[0] === undefined ? null : noteOf(NoteRow.parse(rows[0]))
}

function noteOf(row: z.infer<typeof NoteRow>): StoryNote {
  return {
    id: row.id,
    articleId: row.article_id,
    revision: row.revision,
    author: person(row.author_id, row.author_name),
    body: row.body,
    createdAt: row.created_at.toISOString(),
  }
}

const AuditRow = z.object({
  id: Int,
  at: z.date(),
  actor_id: z.string().nullable(),
  actor_name: z.string().nullable(),
  action: z.string(),
  revision: Int.nullable(),
  detail: z.record(z.string(), z.unknown()),
})

/** The story's audit trail in the order it was written. */
export async function listAudit(db: Db, id: string): Promise<StoryAuditEntry[]> {
  const rows = await db.query(
    `select au.id, au.at, au.actor_id, ac.name as actor_name, au.action, au.revision, au.detail
     from audit au left join accounts ac on ac.id = au.actor_id
     where au.article_id = $1 order by au.id`,
    [id],
  )
  return rows.map((raw) => {
    const row = AuditRow.parse(raw)
    return {
      id: row.id,
      at: row.at.toISOString(),
      actor:
        row.actor_id !== null && row.actor_name !== null
          ? person(row.actor_id, row.actor_name)
          : null,
      action: row.action,
      revision: row.revision,
      detail: row.detail,
    }
  })
}
