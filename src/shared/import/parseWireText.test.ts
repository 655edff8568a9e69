import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { countWords, docText } from '../domain/countWords'
import { readingTimeLabel } from '../domain/readingTime'
import { validateBody } from '../editor-schema/validateBody'
import { parseWireText } from './parseWireText'

const fixture = readFileSync(
  fileURLToPath(new URL('../../../tests/fixtures/wire-india-japan-ties.txt', import.meta.url)),
  'utf8',
)
const now = new Date('2026-11-26T12:00:00Z')

describe('parseWireText on the IANS fixture', () => {
  const { format, fields, messages, unplaced } = parseWireText(fixture, now)
  const blocks = fields.body.content ?? []

  it('recognises wire copy', () => expect(format).toBe('wire-text'))
  it('headline', () =>
    expect(fields.headline).toBe(
      'India, Japan Forge Stronger Ties on AI, Chips & Security in Key Dialogue',
    ))
  it('summary', () => {
    expect(fields.summary).toMatch(/^The recent India-Japan Foreign Ministers' dialogue reinforced/)
    expect(fields.summary).toMatch(/open, inclusive regional architecture\.$/)
  })
  it('key points box', () => {
    expect(fields.keyPoints).toEqual({
      title: 'India-Japan Strategic Partnership: AI, Security & Economic Ties',
      items: [
        'Launched economic security dialogue',
        'Focus on semiconductors & AI',
        'Reaffirmed Quad cooperation',
        "Enhanced connectivity in India's Northeast",
        '75th diplomatic anniversary in 2027',
      ],
    })
  })
  it('deck', () => expect(fields.deck).toBe('India, Japan bolster strategic and economic ties'))
  it('dateline', () => expect(fields.dateline).toEqual({ place: 'New Delhi', date: '2026-01-23' }))
  it('agency credit', () => expect(fields.credit).toBe('IANS'))
  it('pull quote with attribution, placed after the paragraph it quotes', () => {
    const index = blocks.findIndex((node) => node.type === 'pullQuote')
    expect(docText(blocks[index]?.content?.[0])).toMatch(
      /^These steps aim to de-risk global dependencies/,
    )
    expect(docText(blocks[index]?.content?.[1])).toBe('India Narrative')
    expect(docText(blocks[index - 1])).toMatch(/greenlit the "Japan-India Private-Sector Dialogue/)
  })
  it('body paragraphs from the dateline to the sign-off, and a body that fits the editor', () => {
    const paragraphs = blocks.filter((node) => node.type === 'paragraph')
    expect(paragraphs).toHaveLength(9)
    expect(docText(paragraphs[0])).toMatch(
      /^The India-Japan Foreign Ministers' dialogue in New Delhi/,
    )
    expect(docText(paragraphs.at(-1))).toMatch(/over zero-sum dominance, the article added\.$/)
    expect(docText(fields.body)).not.toContain('Reader Comments')
    expect(validateBody(fields.body)).toEqual([])
  })
  it('reads "2 min read" at 230 words a minute', () => {
    const bodyWords = countWords(
      docText({ type: 'doc', content: blocks.filter((n) => n.type === 'paragraph') }),
    )
    expect(bodyWords).toBeGreaterThan(370)
    expect(bodyWords).toBeLessThan(460)
    expect(readingTimeLabel(bodyWords)).toBe('2 min read')
  })
  it('offers the standfirst after the deck as a not-placed item, not a lost message', () => {
    expect(unplaced).toEqual([
      {
        kind: 'text',
        text: expect.stringMatching(/^India and Japan bolster strategic ties, launching/),
      },
    ])
  })
  it('says what it left out', () => {
    expect(messages.join('\n')).toMatch(/reader comments.*at least 50 characters/)
  })
})

describe('parseWireText on other input', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '  \n\n \t'],
    ['binary junk', '\u0000\u0001\u0002\uFFFD'.repeat(50)],
    ['one huge line', 'x'.repeat(200_000)],
    ['only bullets', '• a\n• b'],
    ['a dateline and nothing else', 'NEW DELHI, Jan 23'],
  ])('%s: no exception, a usable proposal', (_name, text) => {
    const proposal = parseWireText(text, now)
    expect(validateBody(proposal.fields.body)).toEqual([])
    expect(Array.isArray(proposal.messages)).toBe(true)
  })

  it('keeps prose without wire structure as a plain body, with a clear message', () => {
    const proposal = parseWireText(
      'Budget passes\n\nThe assembly passed the budget.\n\nIt took two days.',
      now,
    )
    expect(proposal.format).toBe('plain-text')
    expect(proposal.fields.headline).toBe('Budget passes')
    expect(proposal.fields.body.content).toHaveLength(2)
    expect(proposal.messages[0]).toMatch(/kept as a plain body/)
  })

  it('reads an inline dateline with the agency in brackets', () => {
    const proposal = parseWireText(
      'Rains lash Mumbai\n\nMUMBAI, Jul 4 (PTI) - Heavy rain flooded roads on Friday.\n\nTrains ran late.',
      now,
    )
    expect(proposal.fields.dateline).toEqual({ place: 'Mumbai', date: '2026-07-04' })
    expect(proposal.fields.credit).toBe('PTI')
    expect(docText(proposal.fields.body.content?.[0])).toBe('Heavy rain flooded roads on Friday.')
  })
})
