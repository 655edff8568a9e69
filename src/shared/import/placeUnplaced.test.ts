import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { EditableFields } from '../domain/Article'
import { docText } from '../domain/countWords'
import { clip } from './fitProposal'
import { parseWireText } from './parseWireText'
import { placementProblem, placeUnplaced } from './placeUnplaced'

const fixture = readFileSync(
  fileURLToPath(new URL('../../../tests/fixtures/wire-india-japan-ties.txt', import.meta.url)),
  'utf8',
)
const proposal = parseWireText(fixture, new Date('2026-11-26T12:00:00Z'))
const standfirst = /^India and Japan bolster strategic ties, launching/

describe('item 9: the standfirst after the second headline can be placed in one click', () => {
  it('as the deck; the deck it replaces goes back to the list', () => {
    const next = placeUnplaced(proposal, 0, 'deck')
    expect(next.fields.deck).toMatch(standfirst)
    expect(next.unplaced).toEqual([
      { kind: 'text', text: 'India, Japan bolster strategic and economic ties' },
    ])
  })
  it('added to the summary', () => {
    const next = placeUnplaced(proposal, 0, 'summary')
    expect(next.fields.summary).toMatch(
      /open, inclusive regional architecture\. India and Japan bolster/,
    )
    expect(next.unplaced).toEqual([])
  })
  it('as the start of the body', () => {
    const next = placeUnplaced(proposal, 0, 'bodyStart')
    expect(docText(next.fields.body.content?.[0])).toMatch(standfirst)
    expect(next.fields.body.content).toHaveLength((proposal.fields.body.content?.length ?? 0) + 1)
  })
  it('as a key point', () => {
    const next = placeUnplaced(proposal, 0, 'keyPoint')
    expect(next.fields.keyPoints.items.at(-1)).toMatch(standfirst)
  })
  it('or dropped', () => {
    const next = placeUnplaced(proposal, 0, 'drop')
    expect(next.unplaced).toEqual([])
    expect(next.fields).toEqual(proposal.fields)
  })
})

describe('finding 5: a placement never breaks a limit', () => {
  const long = 'This standfirst line is very long. '.repeat(70).trim()
  const withLong = { ...proposal, unplaced: [{ kind: 'text' as const, text: long }] }
  it('bug: a 2,400-character line could be placed as the deck (the deck holds 1,000) and the create then failed', () => {
    expect(placementProblem(withLong, 0, 'deck')).toBe(
      'Too long for the deck: 2,449 characters, the deck holds 1,000.',
    )
    expect(placeUnplaced(withLong, 0, 'deck')).toBe(withLong)
    expect(placementProblem(withLong, 0, 'keyPoint')).toMatch(/^Too long for a key point: 2,449/)
    expect(placementProblem(withLong, 0, 'summary')).toBeNull()
    expect(placementProblem(withLong, 0, 'bodyStart')).toBeNull()
    expect(EditableFields.safeParse(placeUnplaced(withLong, 0, 'summary').fields).success).toBe(
      true,
    )
  })
  it('bug: "Key point" with 20 points already did nothing and said nothing', () => {
    const full = {
      ...proposal,
      fields: {
        ...proposal.fields,
        keyPoints: {
          title: 'Key Points',
          items: Array.from({ length: 20 }, (_, i) => `Point ${i}`),
        },
      },
    }
    expect(placementProblem(full, 0, 'keyPoint')).toBe(
      'The key points box is full: it holds 20 points.',
    )
  })
  it('a summary that would pass 5,000 characters is refused with the count', () => {
    const big = { ...withLong, fields: { ...withLong.fields, summary: 'x'.repeat(3000) } }
    expect(placementProblem(big, 0, 'summary')).toBe(
      'Too long for the summary: it would be 5,450 characters, the summary holds 5,000.',
    )
  })
})

describe('clip (low finding)', () => {
  it('bug: trimming could cut an emoji in half, leaving a lone surrogate', () => {
    const cut = clip(`${'a'.repeat(8)}😀😀`, 10)
    expect(cut).toBe(`${'a'.repeat(8)}…`)
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })
})
