import { z } from 'zod'
import { Article } from '../../shared/domain/Article'
import type { KeptCopy, KeptCopySummary } from '../../shared/desk/calls/deskStoryCalls'
import type { DbQueries } from '../db/Db'
import { person } from './storyRows'

const KeptCopyRow = z.object({
  id: z.string(),
  article_id: z.string(),
  base_revision: z.number().int().nullable(),
  headline: z.string().nullable(),
  saved_by: z.string(),
  saved_by_name: z.string(),
  saved_at: z.date(),
  reason: z.literal('lease_taken_over'),
  by_account_id: z.string().nullable(),
  by_name: z.string().nullable(),
  taken_at: z.date().nullable(),
  note: z.string().nullable(),
})
type KeptCopyRow = z.infer<typeof KeptCopyRow>

const SELECT_KEPT = `
  select k.id, k.article_id, k.base_revision, k.document->>'headline' as headline, k.saved_by,
    s.name as saved_by_name, k.saved_at, k.reason, t.by_account_id, b.name as by_name,
    t.at as taken_at, t.note
  from kept_copies k
  join accounts s on s.id = k.saved_by
  left join lease_takeovers t on t.id = k.takeover_id
  left join accounts b on b.id = t.by_account_id
  where k.article_id = $1 and ($2::uuid is null or k.saved_by = $2::uuid)`

/**
 * Keeps what a device saved after its lease was taken over: the whole document as sent, the revision
 * it was based on, who, when and why. Stored instead of a revision: the desk's version is untouched.
 */
export async function keepCopy(
  q: DbQueries,
  copy: {
    articleId: string
    baseRevision: number | null
    document: Article
    savedBy: string
    deviceId: string
    at: string
    takeOverId: string
  },
): Promise<KeptCopySummary> {
  const rows = await q.query(
    `insert into kept_copies (article_id, base_revision, document, saved_by, device_id, saved_at, reason, takeover_id)
     values ($1, $2, $3::jsonb, $4, $5, $6::timestamptz, 'lease_taken_over', $7) returning id`,
    [
      copy.articleId,
      copy.baseRevision,
      JSON.stringify(copy.document),
      copy.savedBy,
      copy.deviceId,
      copy.at,
      copy.takeOverId,
    ],
  )
  const id = z.object({ id: z.string() }).parse(rows[0]).id
  const kept = await findKeptCopies(q, copy.articleId, null, id)
  const summary = kept[0]
  if (summary === undefined) throw new Error(`kept copy ${id} vanished inside its transaction`)
  return summary
}

/** The story's kept copies, oldest first; only `savedBy`'s own when it is given (a writer sees theirs). */
export async function findKeptCopies(
  q: DbQueries,
  articleId: string,
  savedBy: string | null,
  copyId?: string,
): Promise<KeptCopySummary[]> {
  const rows =
    copyId === undefined
      ? await q.query(`${SELECT_KEPT} order by k.saved_at, k.id`, [articleId, savedBy])
      : await q.query(`${SELECT_KEPT} and k.id = $3`, [articleId, savedBy, copyId])
  return rows.map((raw) => keptSummary(KeptCopyRow.parse(raw)))
}

/** One kept copy with its document, or null when there is none the caller may see. */
export async function findKeptCopy(
  q: DbQueries,
  articleId: string,
  savedBy: string | null,
  copyId: string,
): Promise<KeptCopy | null> {
  const summary = (await findKeptCopies(q, articleId, savedBy, copyId))[0]
  if (summary === undefined) return null
  const rows = await q.query('select document from kept_copies where id = $1', [copyId])
  const document = Article.parse(z.object({ document: z.unknown() }).parse(rows[0]).document)
  return { ...summary, document }
}

function keptSummary(row: KeptCopyRow): KeptCopySummary {
  return {
    id: row.id,
    articleId: row.article_id,
    baseRevision: row.base_revision,
    headline: row.headline ?? '',
    savedBy: person(row.saved_by, row.saved_by_name),
    savedAt: row.saved_at.toISOString(),
    reason: row.reason,
    takeOver:
      row.by_account_id !== null && row.by_name !== null && row.taken_at !== null
        ? {
            takenBy: person(row.by_account_id, row.by_name),
            at: row.taken_at.toISOString(),
            note: row.note ?? '',
          }
        : null,
  }
}
