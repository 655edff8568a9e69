import type { Article } from '../../shared/domain/Article'
import type { DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import type { RevisionRow } from './storyRows'

/** Stores `document` as its revision (append-only: the trigger refuses any change after). */
export async function insertRevision(
  tx: DbQueries,
  document: Article,
  base: number | null,
  savedBy: string,
  at: string,
): Promise<void> {
  await tx.query(
    `insert into revisions (article_id, number, base_revision, document, saved_by, saved_at)
     values ($1, $2, $3, $4::jsonb, $5, $6::timestamptz)`,
    [document.id, document.revision, base, JSON.stringify(document), savedBy, at],
  )
}

/** The revision just written, as a read would give it back. */
export function writtenRevisionRow(
  document: Article,
  base: number | null,
  principal: Principal,
  at: string,
): RevisionRow {
  return {
    number: document.revision,
    base_revision: base,
    document,
    saved_by: principal.accountId,
    saved_by_name: principal.name,
    saved_at: new Date(at),
  }
}
