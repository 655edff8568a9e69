import type { Article } from '../../shared/domain/Article'
import { recordChange } from '../feed/recordChange'
import type { DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { insertRevision, writtenRevisionRow } from './insertRevision'
import { receiptOf, replaySave, saveIdDetail, type NamedSave } from './replaySave'
import type { SaveContext, SaveOutcome } from './saveStory'
import { storableBody, storableDocument } from './storableDocument'
import { currentVersion, serverWorkflowFields, storyView } from './storyDocument'
import { staleConflict, storyNotFound } from './storyErrors'
import { appendAudit, currentRevisionOf, loadArticle, loadLiveLease } from './storyRows'
import { loadSaveReceipt, recordSaveReceipt } from './writeReceipts'

/**
 * A story the desk has not seen: revision 1, created by the caller; the same id made elsewhere first
 * is a CONFLICT, unless it was this very save (its replay raced it, or came after).
 */
export async function createStoryIn(
  tx: DbQueries,
  principal: Principal,
  sent: Article,
  base: number | null,
  named: NamedSave | null,
  context: SaveContext,
): Promise<SaveOutcome> {
  if (base !== null) throw storyNotFound(sent.id)
  const body = storableBody(sent.body, () => undefined)
  const agencyKill = sent.agencyKill ? { ...sent.agencyKill, acknowledged: null } : null
  const inserted = await tx.query(
    `insert into articles (id, status, current_revision, created_by, created_at, updated_at,
       status_changed_at, agency_kill)
     values ($1, 'draft', 1, $2, $3::timestamptz, $3::timestamptz, $3::timestamptz, $4::jsonb)
     on conflict (id) do nothing returning id`,
    [
      sent.id,
      principal.accountId,
      context.now,
      agencyKill === null ? null : JSON.stringify(agencyKill),
    ],
  )
  const row = await loadArticle(tx, sent.id)
  if (row === null) throw new Error(`story ${sent.id} vanished inside its own transaction`)
  if (inserted.length === 0) {
    // The insert waited for the one that committed this id first: now both it and its receipt show.
    const [current, receipt, lease] = await Promise.all([
      currentRevisionOf(tx, row),
      named === null ? null : loadSaveReceipt(tx, sent.id, named.saveId),
      loadLiveLease(tx, sent.id, context.now),
    ])
    if (named !== null && receipt !== null)
      return replaySave(tx, principal, named, receipt, { row, current, lease })
    // Another workstation's story with this id committed first: theirs stands, this one is told.
    throw staleConflict('exists', currentVersion(row, current), null)
  }
  const document = storableDocument(
    { ...sent, body },
    {
      id: sent.id,
      revision: 1,
      author: principal.name,
      createdAt: context.now,
      updatedAt: context.now,
      workflow: serverWorkflowFields(row, 1),
    },
  )
  await insertRevision(tx, document, null, principal.accountId, context.now)
  if (named !== null)
    await recordSaveReceipt(tx, {
      ...receiptOf(named, principal, sent.id, context.now),
      outcome: { revision: 1 },
    })
  await appendAudit(tx, {
    at: context.now,
    actorId: principal.accountId,
    action: 'story_created',
    articleId: sent.id,
    revision: 1,
    detail: saveIdDetail(named),
  })
  const view = storyView(
    row,
    writtenRevisionRow(document, null, principal, context.now),
    null,
    principal.deviceId,
  )
  await recordChange(tx, 'story_saved', sent.id, 1, principal.accountId)
  return { kind: 'saved', view }
}
