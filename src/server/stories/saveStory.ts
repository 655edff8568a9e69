import { z } from 'zod'
import { BodyDoc } from '../../shared/domain/DocNode'
import { isEditable } from '../../shared/domain/workflow'
import type { SaveStoryInput, WrittenStory } from '../../shared/desk/calls/deskStoryCalls'
import type { DeskError } from '../../shared/desk/DeskError'
import { recordChange } from '../feed/recordChange'
import type { DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { createStoryIn } from './createStory'
import { insertRevision, writtenRevisionRow } from './insertRevision'
import { keepCopy } from './keptCopies'
import { receiptOf, replaySave, saveIdDetail, type NamedSave } from './replaySave'
import { storableBody, storableDocument } from './storableDocument'
import { currentVersion, storyView, serverWorkflowFields } from './storyDocument'
import { keptCopyConflict, leaseHeld, notEditable, staleConflict } from './storyErrors'
import {
  appendAudit,
  currentRevisionOf,
  loadArticle,
  loadLiveLease,
  loadOpenTakeOver,
} from './storyRows'
import { fingerprintOf, loadSaveReceipt, recordSaveReceipt } from './writeReceipts'

export type SaveContext = { now: string; leaseExpiresAt: string }

/**
 * A save either stored a revision, or (after a take-over) kept a copy and must answer CONFLICT after
 * committing it; a replay answers what the first attempt did.
 */
export type SaveOutcome = { kind: 'saved'; view: WrittenStory } | { kind: 'kept'; error: DeskError }

/** The save, inside one transaction that holds the story's row lock. */
export async function saveStoryIn(
  tx: DbQueries,
  principal: Principal,
  input: SaveStoryInput,
  context: SaveContext,
): Promise<SaveOutcome> {
  const sent = input.document
  const base = input.baseRevision ?? null
  const named: NamedSave | null =
    input.saveId === undefined
      ? null
      : { saveId: input.saveId, fingerprint: fingerprintOf({ document: sent, baseRevision: base }) }
  const row = await loadArticle(tx, sent.id, true)
  if (row === null) return createStoryIn(tx, principal, sent, base, named, context)
  // Independent reads, sent together: one round trip to the database instead of three (postgres.js
  // pipelines them on the transaction's connection, in this order).
  const [current, takeOver, lease, receipt] = await Promise.all([
    currentRevisionOf(tx, row),
    loadOpenTakeOver(tx, sent.id, principal.deviceId),
    loadLiveLease(tx, sent.id, context.now),
    named === null ? null : loadSaveReceipt(tx, sent.id, named.saveId),
  ])
  // Before every other check: a replay's base is stale by its own first attempt, and a take-over
  // or a lease since then does not undo what that attempt did.
  if (named !== null && receipt !== null)
    return replaySave(tx, principal, named, receipt, { row, current, lease })
  if (takeOver !== null) {
    const keptCopy = await keepCopy(tx, {
      articleId: sent.id,
      baseRevision: base,
      document: sent,
      savedBy: principal.accountId,
      deviceId: principal.deviceId,
      at: context.now,
      takeOverId: takeOver.id,
    })
    await Promise.all([
      appendAudit(tx, {
        at: context.now,
        actorId: principal.accountId,
        action: 'kept_copy',
        articleId: sent.id,
        revision: base,
        detail: {
          keptCopyId: keptCopy.id,
          reason: 'lease_taken_over',
          takeOverId: takeOver.id,
          ...saveIdDetail(named),
        },
      }),
      named === null
        ? null
        : recordSaveReceipt(tx, {
            ...receiptOf(named, principal, sent.id, context.now),
            outcome: { keptCopyId: keptCopy.id },
          }),
    ])
    await recordChange(tx, 'kept_copy_saved', sent.id, row.current_revision, principal.accountId)
    return { kind: 'kept', error: keptCopyConflict(currentVersion(row, current), keptCopy) }
  }

  if (lease !== null && lease.device_id !== principal.deviceId)
    throw leaseHeld(lease, principal.accountId, context.now)
  if (!isEditable(row.status)) throw notEditable(row.status)
  if (base === null) throw staleConflict('exists', currentVersion(row, current), null)
  if (base !== row.current_revision)
    throw staleConflict('stale', currentVersion(row, current), base)

  // The stored document was checked when it was saved: read only what this save needs of it.
  const previous = PreviousRevision.parse(current.document)
  const body = storableBody(sent.body, () => BodyDoc.parse(previous.body))
  // An agency's withdrawal a workstation heard of is kept; a save never removes or acknowledges one.
  const agencyKill =
    row.agency_kill ?? (sent.agencyKill ? { ...sent.agencyKill, acknowledged: null } : null)
  const next = row.current_revision + 1
  const document = storableDocument(
    { ...sent, body },
    {
      id: sent.id,
      revision: next,
      author: previous.author,
      createdAt: row.created_at.toISOString(),
      updatedAt: context.now,
      workflow: serverWorkflowFields({ ...row, agency_kill: agencyKill }, next),
    },
  )
  const renewed = lease === null ? null : { ...lease, expires_at: new Date(context.leaseExpiresAt) }
  // The writes, sent together as well (in this order; the first failure aborts the transaction).
  await Promise.all([
    insertRevision(tx, document, base, principal.accountId, context.now),
    named === null
      ? null
      : recordSaveReceipt(tx, {
          ...receiptOf(named, principal, sent.id, context.now),
          outcome: { revision: next },
        }),
    tx.query(
      `update articles set current_revision = $2, updated_at = $3::timestamptz, agency_kill = $4::jsonb
       where id = $1`,
      [sent.id, next, context.now, agencyKill === null ? null : JSON.stringify(agencyKill)],
    ),
    renewed === null
      ? null
      : tx.query('update leases set expires_at = $2::timestamptz where article_id = $1', [
          sent.id,
          context.leaseExpiresAt,
        ]),
    appendAudit(tx, {
      at: context.now,
      actorId: principal.accountId,
      action: 'story_saved',
      articleId: sent.id,
      revision: next,
      detail: { baseRevision: base, ...saveIdDetail(named) },
    }),
  ])
  const saved = {
    ...row,
    current_revision: next,
    updated_at: new Date(context.now),
    agency_kill: agencyKill,
  }
  const view = storyView(
    saved,
    writtenRevisionRow(document, base, principal, context.now),
    renewed,
    principal.deviceId,
  )
  await recordChange(tx, 'story_saved', sent.id, next, principal.accountId)
  return { kind: 'saved', view }
}

/** What a save needs of the revision it replaces. */
const PreviousRevision = z.object({ author: z.string(), body: z.unknown() })
