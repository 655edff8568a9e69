import { describe, expect, it } from 'vitest'
import { ArticleStatus } from './Article'
import { Role } from './Profile'
import {
  availableTransitions,
  decideTransition,
  isEditable,
  WorkflowAction,
  type TransitionRequest,
} from './workflow'

/** The whole table, written out: [role, state, action] -> next state, or null where it is refused. */
const EXPECTED: Record<string, string | null> = {}
const allow = (roles: string[], from: string[], action: string, to: string) => {
  for (const role of roles) for (const state of from) EXPECTED[`${role}|${state}|${action}`] = to
}
allow(['writer', 'desk-chief'], ['draft', 'changes_requested'], 'submit', 'submitted')
allow(['desk-chief'], ['submitted'], 'approve', 'approved')
allow(['desk-chief'], ['submitted'], 'request_changes', 'changes_requested')
allow(['writer', 'desk-chief'], ['approved'], 'reopen', 'submitted')
allow(['desk-chief'], ['published', 'corrected'], 'reopen', 'submitted')
allow(['desk-chief'], ['approved'], 'publish', 'published')
allow(['desk-chief'], ['approved'], 'publish_correction', 'corrected')
allow(['desk-chief'], ['published', 'corrected'], 'kill', 'killed')
allow(
  ['writer', 'desk-chief'],
  ['draft', 'submitted', 'changes_requested', 'approved'],
  'spike',
  'spiked',
)
allow(['writer', 'desk-chief'], ['spiked'], 'unspike', 'draft')

const base = (role: Role, status: ArticleStatus, action: WorkflowAction): TransitionRequest => ({
  role,
  user: 'Desk Chief',
  status,
  author: 'Writer',
  action,
  note: 'a note',
  checksPass: true,
  fourEyes: true,
  wasPublished: action === 'publish_correction',
})

describe('the workflow table, exhaustively', () => {
  for (const role of Role.options) {
    for (const status of ArticleStatus.options) {
      for (const action of WorkflowAction.options) {
        const expected = EXPECTED[`${role}|${status}|${action}`] ?? null
        it(`${role} · ${status} · ${action} -> ${expected ?? 'refused'}`, () => {
          const decision = decideTransition(base(role, status, action))
          expect(decision.ok ? decision.to : null).toBe(expected)
          if (!decision.ok) expect(decision.reason.length).toBeGreaterThan(10)
          expect(availableTransitions(role, status).some((t) => t.action === action)).toBe(
            expected !== null,
          )
        })
      }
    }
  }
})

describe('the rules beside the table', () => {
  it('submission needs the checks to pass', () => {
    const decision = decideTransition({ ...base('writer', 'draft', 'submit'), checksPass: false })
    expect(decision).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not pass the checks/),
    })
  })
  it('changes need a note; reopen and kill need a reason; corrections a note for readers', () => {
    for (const [status, action] of [
      ['submitted', 'request_changes'],
      ['approved', 'reopen'],
      ['published', 'kill'],
      ['approved', 'publish_correction'],
    ] as const) {
      expect(decideTransition({ ...base('desk-chief', status, action), note: '  ' }).ok).toBe(false)
    }
  })
  it('four-eyes: an author cannot approve their own story, unless the desk turns the rule off', () => {
    const own = { ...base('desk-chief', 'submitted', 'approve'), author: 'Desk Chief' }
    expect(decideTransition(own)).toEqual({ ok: false, reason: expect.stringMatching(/Four-eyes/) })
    expect(decideTransition({ ...own, fourEyes: false })).toEqual({ ok: true, to: 'approved' })
  })
  it('a story published before goes out again as a correction, not a fresh publication', () => {
    expect(
      decideTransition({ ...base('desk-chief', 'approved', 'publish'), wasPublished: true }).ok,
    ).toBe(false)
    expect(
      decideTransition({
        ...base('desk-chief', 'approved', 'publish_correction'),
        wasPublished: false,
      }).ok,
    ).toBe(false)
  })
  it('only drafts, submitted stories and stories sent back are editable', () => {
    expect(ArticleStatus.options.filter(isEditable)).toEqual([
      'draft',
      'submitted',
      'changes_requested',
    ])
  })
})
