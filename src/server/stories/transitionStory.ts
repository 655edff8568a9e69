import { recordChange } from '../feed/recordChange'
import { checkArticle, passesChecks } from '../../shared/domain/checkArticle'
import type { DeskSettings } from '../../shared/domain/DeskSettings'
import { decideTransition, isEditable } from '../../shared/domain/workflow'
import { deskTimeZone } from '../../shared/domain/deskTime'
import { embargoHold } from '../../shared/domain/publicationTime'
import { workflowRole } from '../../shared/desk/AccountRole'
import type {
  StoryRefusedDetails,
  StoryView,
  TransitionStoryInput,
  WrittenStory,
} from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { currentVersion, presentDocument } from './storyDocument'
import { staleConflict, storyNotFound } from './storyErrors'
import { appendAudit, callerAccount, currentRevisionOf, loadArticle } from './storyRows'
import {
  fingerprintOf,
  loadTransitionReceipt,
  recordTransitionReceipt,
  reusedId,
} from './writeReceipts'

export type TransitionContext = {
  now: string
  /** When the checks run (an embargo that has passed no longer blocks). */
  checkedAt: Date
  settings: DeskSettings
  view: () => Promise<StoryView>
}

/**
 * A workflow action on the named revision, inside one transaction holding the story's row lock: the
 * shared table with the caller's role from the database, four-eyes on account ids, the checks on that
 * revision. Approve binds the approval to that revision; a return to an editable state (or a spike)
 * drops it; publish and publish a correction record the revision that went out. An action sent again
 * under the `transitionId` it was taken with is not taken twice: the answer is the story as it is now.
 */
export async function transitionIn(
  tx: DbQueries,
  principal: Principal,
  input: TransitionStoryInput,
  context: TransitionContext,
): Promise<WrittenStory> {
  const caller = await callerAccount(tx, principal)
  const row = await loadArticle(tx, input.id, true)
  if (row === null) throw storyNotFound(input.id)
  const note = input.note.trim()
  const transitionId = input.transitionId
  const fingerprint = fingerprintOf({ action: input.action, revision: input.revision, note })
  const [current, receipt] = await Promise.all([
    currentRevisionOf(tx, row),
    transitionId === undefined ? null : loadTransitionReceipt(tx, input.id, transitionId),
  ])
  // Before the revision and workflow checks: the first attempt moved the story on, so they would
  // refuse its own replay ("not allowed from approved").
  if (transitionId !== undefined && receipt !== null) {
    if (receipt.account_id !== principal.accountId || receipt.fingerprint !== fingerprint)
      throw reusedId(
        'transition',
        transitionId,
        `${receipt.action} on revision ${receipt.revision}`,
      )
    return { ...(await context.view()), replayed: true }
  }
  if (input.revision !== row.current_revision)
    throw staleConflict('stale', currentVersion(row, current), input.revision)
  const document = presentDocument(row, current)
  const decision = decideTransition({
    role: workflowRole(caller.role),
    user: principal.accountId,
    author: row.created_by,
    status: row.status,
    action: input.action,
    note,
    checksPass: passesChecks(checkArticle(document, context.settings, context.checkedAt)),
    fourEyes: context.settings.fourEyes,
    wasPublished: row.published_at !== null,
    // The same hold as a workstation's: Mark published waits for the embargo (issue 16).
    embargoHold: embargoHold(
      { embargoedUntil: document.embargoedUntil, scheduledFor: null },
      context.checkedAt,
      deskTimeZone(context.settings.timeZone),
      'be marked published',
    ),
  })
  if (!decision.ok) {
    const details: StoryRefusedDetails = {
      reason: 'workflow',
      status: row.status,
      action: input.action,
    }
    throw new DeskError('REFUSED', decision.reason, details)
  }
  const to = decision.to
  const approval =
    to === 'approved'
      ? { revision: input.revision, by: principal.accountId, at: context.now }
      : isEditable(to) || to === 'spiked'
        ? null
        : row.approved_revision !== null && row.approved_by !== null && row.approved_at
          ? {
              revision: row.approved_revision,
              by: row.approved_by,
              at: row.approved_at.toISOString(),
            }
          : null
  const publishes = input.action === 'publish' || input.action === 'publish_correction'
  const corrections =
    input.action === 'publish_correction'
      ? [...row.corrections, { by: caller.name, at: context.now, note }]
      : row.corrections
  await tx.query(
    `update articles set status = $2, status_changed_at = $3::timestamptz, updated_at = $3::timestamptz,
       status_note = $4::jsonb, approved_revision = $5, approved_by = $6, approved_at = $7::timestamptz,
       published_at = $8::timestamptz, published_revision = $9, corrections = $10::jsonb
     where id = $1`,
    [
      input.id,
      to,
      context.now,
      note ? JSON.stringify({ by: caller.name, at: context.now, text: note }) : null,
      approval?.revision ?? null,
      approval?.by ?? null,
      approval?.at ?? null,
      publishes ? context.now : (row.published_at?.toISOString() ?? null),
      publishes ? input.revision : row.published_revision,
      JSON.stringify(corrections),
    ],
  )
  if (transitionId !== undefined)
    await recordTransitionReceipt(tx, {
      articleId: input.id,
      transitionId,
      accountId: principal.accountId,
      fingerprint,
      action: input.action,
      revision: input.revision,
      at: context.now,
    })
  await appendAudit(tx, {
    at: context.now,
    actorId: principal.accountId,
    action: `transition:${input.action}`,
    articleId: input.id,
    revision: input.revision,
    detail: {
      from: row.status,
      to,
      ...(note ? { note } : {}),
      ...(publishes ? { publishedRevision: input.revision } : {}),
      ...(transitionId === undefined ? {} : { transitionId }),
    },
  })
  const view = await context.view()
  await recordChange(tx, 'story_transitioned', input.id, input.revision, principal.accountId)
  return view
}
