import { recordChange } from '../feed/recordChange'
import type { Article } from '../../shared/domain/Article'
import { z } from 'zod'
import { BodyDoc } from '../../shared/domain/DocNode'
import { isEditable } from '../../shared/domain/workflow'
import type { SaveStoryInput, WrittenStory } from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import { checkBody, linksIn } from '../../shared/editor-schema/validateBody'
import type { DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { keepCopy } from './keptCopies'
import { currentVersion, documentToStore, storyView, serverWorkflowFields } from './storyDocument'
import { replaySave, type NamedSave } from './replaySave'
import {
  keptCopyConflict,
  leaseHeld,
  notEditable,
  staleConflict,
  storyNotFound,
} from './storyErrors'
import {
  appendAudit,
  currentRevisionOf,
  loadArticle,
  loadLiveLease,
  loadOpenTakeOver,
  type RevisionRow,
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
  if (row === null) return create(tx, principal, sent, base, named, context)
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
  const document = storable(
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
    revisionRow(document, base, principal, context.now),
    renewed,
    principal.deviceId,
  )
  await recordChange(tx, 'story_saved', sent.id, next, principal.accountId)
  return { kind: 'saved', view }
}

/**
 * A story the desk has not seen: revision 1, created by the caller; the same id made elsewhere first
 * is a CONFLICT, unless it was this very save (its replay raced it, or came after).
 */
async function create(
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
  const document = storable(
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
    revisionRow(document, null, principal, context.now),
    null,
    principal.deviceId,
  )
  await recordChange(tx, 'story_saved', sent.id, 1, principal.accountId)
  return { kind: 'saved', view }
}

/** The client's id for a save, in its audit row (absent for a save without one). */
function saveIdDetail(named: NamedSave | null): { saveId?: string } {
  return named === null ? {} : { saveId: named.saveId }
}

function receiptOf(named: NamedSave, principal: Principal, articleId: string, at: string) {
  return {
    articleId,
    saveId: named.saveId,
    accountId: principal.accountId,
    fingerprint: named.fingerprint,
    at,
  }
}

/**
 * The body as the workstation stores it (articleForStore in main): read through the editor schema,
 * held to the save limits, links normalised; a link the story already had is kept, flagged by the checks.
 */
function storableBody(body: BodyDoc, previous: () => BodyDoc | undefined): BodyDoc {
  let known: Set<string> | undefined
  const keepLink = (href: string) => {
    if (known === undefined) {
      const before = previous()
      known = new Set(before ? linksIn(before) : [])
    }
    return known.has(href)
  }
  const checked = checkBody(body, { keepLink })
  if (checked.problems.length > 0)
    throw new DeskError('INVALID_INPUT', checked.problems.join(' '), { problems: checked.problems })
  return checked.body
}

function storable(sent: Article, server: Parameters<typeof documentToStore>[1]): Article {
  try {
    return documentToStore(sent, server)
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error)
    throw new DeskError('INVALID_INPUT', `The story cannot be saved: ${problem}`, {
      problems: [problem],
    })
  }
}

/** What a save needs of the revision it replaces. */
const PreviousRevision = z.object({ author: z.string(), body: z.unknown() })

/** The revision just written, as a read would give it back. */
function revisionRow(
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

async function insertRevision(
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
