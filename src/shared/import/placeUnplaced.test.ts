import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { docText } from '../domain/countWords'
import { parseWireText } from './parseWireText'
import { placeUnplaced } from './placeUnplaced'

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
    expect(next.fields.summary).toMatch(/open, inclusive regional architecture\. India and Japan bolster/)
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
