import { describe, expect, it } from 'vitest'
import { statusNoteLine } from './statusNoteLine'

const note = (text: string) => ({ by: 'Vikram Desk', at: '2026-11-30T09:00:00.000Z', text })

describe('the list line that says why a story came back', () => {
  it('names the desk chief and the note', () => {
    expect(
      statusNoteLine({ status: 'changes_requested', statusNote: note('Name both ministers.') }),
    ).toEqual({
      short: 'Vikram Desk: Name both ministers.',
      full: 'Vikram Desk: Name both ministers.',
    })
  })

  it('cuts a long note at a word, keeping the whole note for the tooltip', () => {
    const long = 'Check the figures in the third paragraph against the ministry release. '.repeat(5)
    const line = statusNoteLine({ status: 'changes_requested', statusNote: note(long) }, 40)
    expect(line?.short).toBe('Vikram Desk: Check the figures in the third paragraph…')
    expect(line?.full).toBe(`Vikram Desk: ${long.trim()}`)
  })

  it('says nothing in other states or without a note', () => {
    expect(
      statusNoteLine({ status: 'submitted', statusNote: note('Reopened: title wrong') }),
    ).toBeNull()
    expect(statusNoteLine({ status: 'changes_requested', statusNote: null })).toBeNull()
  })
})
