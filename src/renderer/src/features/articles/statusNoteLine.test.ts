import { describe, expect, it } from 'vitest'
import { statusNoteLine } from './statusNoteLine'

const note = (text: string) => ({ by: 'Vikram Desk', at: '2026-11-30T09:00:00.000Z', text })

describe('the list line that says why a story came back', () => {
  it('names the desk chief and the note', () => {
    expect(
      statusNoteLine({ status: 'changes_requested', statusNote: note('Name both ministers.') }),
    ).toEqual({
      short: 'Vikram Desk: Name both ministers.',
      tooltip: 'Vikram Desk: Name both ministers.',
    })
  })

  it('cuts a long note at a word, keeping more of it for the tooltip', () => {
    const long = 'Check the figures in the third paragraph against the ministry release. '.repeat(5)
    const line = statusNoteLine({ status: 'changes_requested', statusNote: note(long) }, 40)
    expect(line?.short).toBe('Vikram Desk: Check the figures in the third paragraph…')
    expect(line?.tooltip).toBe(`Vikram Desk: ${long.trim()}`)
  })

  // Regression (L4, M6): the list carried the whole note (up to 5,000 characters) in the link's
  // accessible description and its tooltip, besides the short line inside the link.
  it('keeps the tooltip to a readable length, and cuts an unbroken note too', () => {
    const line = statusNoteLine({
      status: 'changes_requested',
      statusNote: note('word '.repeat(1000)),
    })
    expect(line?.tooltip.length).toBeLessThan(700)
    expect(line?.tooltip.endsWith('… (the whole note is on the story)')).toBe(true)
    const unbroken = statusNoteLine({
      status: 'changes_requested',
      statusNote: note('x'.repeat(5000)),
    })
    expect(unbroken?.short.length).toBeLessThan(160)
  })

  it('says nothing in other states or without a note', () => {
    expect(
      statusNoteLine({ status: 'submitted', statusNote: note('Reopened: title wrong') }),
    ).toBeNull()
    expect(statusNoteLine({ status: 'changes_requested', statusNote: null })).toBeNull()
  })
})
