import { z } from 'zod'
import type { ArticleStatus } from './Article'
import type { Role } from './Profile'
import { statusInSentence } from './statusLabel'

export const WorkflowAction = z.enum([
  'submit',
  'approve',
  'request_changes',
  'reopen',
  'publish',
  'publish_correction',
  'kill',
  'spike',
  'unspike',
])
export type WorkflowAction = z.infer<typeof WorkflowAction>

export type Transition = {
  action: WorkflowAction
  from: readonly ArticleStatus[]
  roles: readonly Role[]
  to: ArticleStatus
  /** What the note is for, when one is required; shown as the prompt. */
  note?: string
  /** The article must pass the checks (no errors). */
  needsChecks?: boolean
  /** The four-eyes rule applies: with it on, the author cannot take this action. */
  fourEyes?: boolean
}

const BOTH: readonly Role[] = ['writer', 'desk-chief']
const CHIEF: readonly Role[] = ['desk-chief']

/** The desk's workflow, one row per action: used by the renderer to offer buttons and enforced by main. */
export const TRANSITIONS: readonly Transition[] = [
  {
    action: 'submit',
    from: ['draft', 'changes_requested'],
    roles: BOTH,
    to: 'submitted',
    needsChecks: true,
  },
  {
    action: 'approve',
    from: ['submitted'],
    roles: CHIEF,
    to: 'approved',
    needsChecks: true,
    fourEyes: true,
  },
  {
    action: 'request_changes',
    from: ['submitted'],
    roles: CHIEF,
    to: 'changes_requested',
    note: 'What needs to change',
  },
  {
    action: 'reopen',
    from: ['approved'],
    roles: BOTH,
    to: 'submitted',
    note: 'Why it is reopened',
  },
  {
    action: 'reopen',
    from: ['published', 'corrected'],
    roles: CHIEF,
    to: 'submitted',
    note: 'Why it is reopened',
  },
  { action: 'publish', from: ['approved'], roles: CHIEF, to: 'published' },
  {
    action: 'publish_correction',
    from: ['approved'],
    roles: CHIEF,
    to: 'corrected',
    note: 'Correction note for readers',
  },
  {
    action: 'kill',
    from: ['published', 'corrected'],
    roles: CHIEF,
    to: 'killed',
    note: 'Why it is withdrawn',
  },
  {
    action: 'spike',
    from: ['draft', 'submitted', 'changes_requested', 'approved'],
    roles: BOTH,
    to: 'spiked',
  },
  { action: 'unspike', from: ['spiked'], roles: BOTH, to: 'draft' },
]

export const ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: 'Submit to desk',
  approve: 'Approve',
  request_changes: 'Request changes',
  reopen: 'Reopen',
  publish: 'Mark published',
  publish_correction: 'Publish correction',
  kill: 'Kill',
  spike: 'Spike',
  unspike: 'Restore from spike',
}

/** States in which the text can be edited; everything else needs a Reopen (or an unspike) first. */
export const EDITABLE_STATES: readonly ArticleStatus[] = ['draft', 'submitted', 'changes_requested']

export function isEditable(status: ArticleStatus): boolean {
  return EDITABLE_STATES.includes(status)
}

/** The row of the table for this role, state and action, if there is one. */
export function findTransition(
  role: Role,
  status: ArticleStatus,
  action: WorkflowAction,
): Transition | undefined {
  return TRANSITIONS.find(
    (t) => t.action === action && t.from.includes(status) && t.roles.includes(role),
  )
}

/** Actions this role may take on an article in this state (before checks, notes and four-eyes). */
export function availableTransitions(role: Role, status: ArticleStatus): Transition[] {
  return TRANSITIONS.filter((t) => t.from.includes(status) && t.roles.includes(role))
}

export type TransitionRequest = {
  role: Role
  user: string
  status: ArticleStatus
  author: string
  action: WorkflowAction
  note: string
  checksPass: boolean
  fourEyes: boolean
  /** publish_correction needs an article that was published before. */
  wasPublished: boolean
  /** Why the story may not be made public yet (an embargo that has not passed), if so. */
  embargoHold?: string | null | undefined
}

/** The next state, or the reason the desk's rules refuse the action. */
export function decideTransition(
  request: TransitionRequest,
): { ok: true; to: ArticleStatus } | { ok: false; reason: string } {
  const transition = findTransition(request.role, request.status, request.action)
  if (!transition) {
    const anyRole = TRANSITIONS.find(
      (t) => t.action === request.action && t.from.includes(request.status),
    )
    return {
      ok: false,
      reason: anyRole
        ? `${ACTION_LABELS[request.action]} is for ${anyRole.roles.map((r) => (r === 'desk-chief' ? 'a desk chief' : 'a writer')).join(' or ')}.`
        : `${ACTION_LABELS[request.action]} is not possible for a story that is ${statusInSentence(request.status)}.`,
    }
  }
  if (transition.note && !request.note.trim())
    return { ok: false, reason: `${transition.note} is required.` }
  if (transition.needsChecks && !request.checksPass) {
    return {
      ok: false,
      reason: `The story does not pass the checks yet; fix them before you ${ACTION_LABELS[request.action].toLowerCase()}.`,
    }
  }
  if (transition.fourEyes && request.fourEyes && request.author === request.user) {
    return { ok: false, reason: 'Four-eyes rule: an author cannot approve their own story.' }
  }
  // An embargo holds publication only: submitting and approving go on, making it public waits.
  if (
    (request.action === 'publish' || request.action === 'publish_correction') &&
    request.embargoHold
  )
    return { ok: false, reason: request.embargoHold }
  if (request.action === 'publish_correction' && !request.wasPublished) {
    return { ok: false, reason: 'A correction is only for a story that was published before.' }
  }
  if (request.action === 'publish' && request.wasPublished) {
    return {
      ok: false,
      reason: 'This story was published before: publish a correction with a note for readers.',
    }
  }
  return { ok: true, to: transition.to }
}
