import type { DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { findKeptCopies } from './keptCopies'
import type { SaveOutcome } from './saveStory'
import { currentVersion, storyView } from './storyDocument'
import { keptCopyConflict } from './storyErrors'
import { loadRevision, type ArticleRow, type LeaseRow, type RevisionRow } from './storyRows'
import { reusedId, type SaveReceipt } from './writeReceipts'

/** A save the client named: its id and the fingerprint of what it sent. */
export type NamedSave = { saveId: string; fingerprint: string }

/**
 * A save sent again under an id the story already has (its first answer was lost): nothing is
 * written; the answer is what the first attempt did, the revision it stored (even when others saved
 * on top since: the feed tells the client of those) or the CONFLICT with the copy it was kept as. The
 * same id with anything else, or from another account, is refused.
 */
export async function replaySave(
  tx: DbQueries,
  principal: Principal,
  named: NamedSave,
  receipt: SaveReceipt,
  story: { row: ArticleRow; current: RevisionRow; lease: LeaseRow | null },
): Promise<SaveOutcome> {
  const { row, current, lease } = story
  if (receipt.account_id !== principal.accountId || receipt.fingerprint !== named.fingerprint)
    throw reusedId(
      'save',
      named.saveId,
      receipt.revision === null ? 'a copy kept after a take-over' : `revision ${receipt.revision}`,
    )
  if (receipt.revision !== null) {
    const revision =
      receipt.revision === current.number
        ? current
        : await loadRevision(tx, row.id, receipt.revision)
    if (revision === null)
      throw new Error(
        `story ${row.id} has a save receipt for revision ${receipt.revision}, not stored`,
      )
    return {
      kind: 'saved',
      view: { ...storyView(row, revision, lease, principal.deviceId), replayed: true },
    }
  }
  const keptCopyId = receipt.kept_copy_id
  if (keptCopyId === null)
    throw new Error(
      `story ${row.id}'s save receipt ${named.saveId} names neither revision nor copy`,
    )
  const [keptCopy] = await findKeptCopies(tx, row.id, null, keptCopyId)
  if (keptCopy === undefined)
    throw new Error(`story ${row.id}'s kept copy ${keptCopyId} is not stored`)
  return { kind: 'kept', error: keptCopyConflict(currentVersion(row, current), keptCopy) }
}

/** The client's id for a save, in its audit row (absent for a save without one). */
export function saveIdDetail(named: NamedSave | null): { saveId?: string } {
  return named === null ? {} : { saveId: named.saveId }
}

/** The receipt of a named save, but for its outcome. */
export function receiptOf(named: NamedSave, principal: Principal, articleId: string, at: string) {
  return {
    articleId,
    saveId: named.saveId,
    accountId: principal.accountId,
    fingerprint: named.fingerprint,
    at,
  }
}
