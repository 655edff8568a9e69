import type { ArticleStatus } from '../../shared/domain/Article'
import { statusInSentence } from '../../shared/domain/statusLabel'
import type {
  CurrentVersion,
  KeptCopySummary,
  LeaseHeldDetails,
  StoryConflictDetails,
  StoryRefusedDetails,
} from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { LeaseRow } from './storyRows'
import { person } from './storyRows'

export function storyNotFound(id: string, revision?: number): DeskError {
  return revision === undefined
    ? new DeskError('NOT_FOUND', `The desk has no story ${id}.`, { id })
    : new DeskError('NOT_FOUND', `Story ${id} has no revision ${revision}.`, { id, revision })
}

/**
 * A live lease held by another device: names who holds it, since when and until when, and the desk's
 * time `now` (so the caller knows how long it has left, whatever its own clock says).
 */
export function leaseHeld(lease: LeaseRow, callerAccountId: string, now: string): DeskError {
  const details: LeaseHeldDetails = {
    reason: 'lease_held',
    holder: person(lease.account_id, lease.holder_name),
    since: lease.since.toISOString(),
    expiresAt: lease.expires_at.toISOString(),
    at: now,
    yourAccount: lease.account_id === callerAccountId,
  }
  const who =
    lease.account_id === callerAccountId
      ? 'You are editing this story on another device'
      : `${lease.holder_name} is editing this story`
  return new DeskError(
    'REFUSED',
    `${who} since ${clockTime(lease.since)} UTC (until ${clockTime(lease.expires_at)} UTC unless renewed); close it there, or ask a desk chief to take it over.`,
    details,
  )
}

export function notEditable(status: ArticleStatus): DeskError {
  const details: StoryRefusedDetails = { reason: 'not_editable', status }
  return new DeskError(
    'REFUSED',
    `This story is ${statusInSentence(status)} and cannot be edited; it must be reopened first.`,
    details,
  )
}

export function staleConflict(
  reason: 'stale' | 'exists',
  current: CurrentVersion,
  sentBase: number | null,
): DeskError {
  const details: StoryConflictDetails = { reason, current }
  const by = `${current.savedBy.name} at ${current.savedAt}`
  const message =
    reason === 'exists'
      ? sentBase === null
        ? `This story is already on the desk (revision ${current.revision}, saved by ${by}): compare, keep yours or take theirs.`
        : `The desk has revision ${current.revision} of this story (saved by ${by}): compare, keep yours or take theirs.`
      : `The desk has revision ${current.revision} of this story (saved by ${by}); yours was based on revision ${sentBase ?? 'none'}: compare, keep yours or take theirs.`
  return new DeskError('CONFLICT', message, details)
}

/**
 * A save made after the device's lease was taken over: kept as `keptCopy`, answered CONFLICT naming
 * the copy, who took the story and why, and the desk's version, which the save did not change.
 */
export function keptCopyConflict(current: CurrentVersion, keptCopy: KeptCopySummary): DeskError {
  const takeOver = keptCopy.takeOver
  if (takeOver === null)
    throw new Error(`kept copy ${keptCopy.id} names no take-over, which every save-kept copy has`)
  const details: StoryConflictDetails = { reason: 'lease_taken_over', current, keptCopy, takeOver }
  const message = `${takeOver.takenBy.name} took this story over (${takeOver.note}): your save is kept as a copy for the desk, and the desk's version (revision ${current.revision}) is unchanged.`
  return new DeskError('CONFLICT', message, details)
}

function clockTime(at: Date): string {
  return at.toISOString().slice(11, 16)
}
