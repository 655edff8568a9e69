import { describe, expect, it } from 'vitest'
import { saveAnnouncement } from './saveAnnouncement'

/** Feeds the states in order, as the indicator sees them, and keeps what would be said. */
function said(states: Parameters<typeof saveAnnouncement>[1][]): string[] {
  let meaning = 'Saved'
  const words: string[] = []
  for (const state of states) {
    const next = saveAnnouncement(meaning, state)
    meaning = next.meaning
    if (next.say) words.push(next.say)
  }
  return words
}

const full = 'The disk is full (ENOSPC)'

describe('saveAnnouncement', () => {
  it('says nothing while typing saves as usual', () => {
    expect(
      said([
        { kind: 'unsaved' },
        { kind: 'saving' },
        { kind: 'saved', at: '2026-12-01T09:00:00Z' },
        { kind: 'unsaved' },
        { kind: 'saving' },
        { kind: 'saved', at: '2026-12-01T09:00:05Z' },
      ]),
    ).toEqual([])
  })

  // Regression (issue 13): the live region read "retrying in 4 s, 3 s, 2 s…" every second.
  it('says a failure once through its retries, and "Saved" once when it lands', () => {
    expect(
      said([
        { kind: 'saving' },
        { kind: 'failed', reason: full, retryAt: 1000 },
        { kind: 'saving' },
        { kind: 'failed', reason: full, retryAt: 3000 },
        { kind: 'unsaved' },
        { kind: 'failed', reason: full, retryAt: 7000 },
        { kind: 'saving' },
        { kind: 'saved', at: '2026-12-01T09:01:00Z' },
      ]),
    ).toEqual([`Not saved: ${full}`, 'Saved'])
  })

  it('says a new reason when the failure changes, and a conflict in words', () => {
    expect(
      said([
        { kind: 'failed', reason: full, retryAt: 1000 },
        { kind: 'failed', reason: 'Permission denied', retryAt: null },
        { kind: 'saved', at: '2026-12-01T09:01:00Z' },
        { kind: 'saving' },
        { kind: 'conflict' },
      ]),
    ).toEqual([
      `Not saved: ${full}`,
      'Not saved: Permission denied',
      'Saved',
      'Not saved: changed elsewhere',
    ])
  })
})
