import { z } from 'zod'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import type { Article } from '../../shared/domain/Article'
import type { DocNode } from '../../shared/domain/DocNode'
import { newArticle } from '../../shared/domain/newArticle'
import { toNinjs } from '../../shared/export/toNinjs'
import { toPublishJson } from '../../shared/export/toPublishJson'
import { parseNinjs } from '../../shared/import/parseNinjs'
import { parseWireText } from '../../shared/import/parseWireText'
import { htmlToBody } from '../import/htmlToBody'
import { validateExport } from './schemaValidators'

const fixture = readFileSync(
  fileURLToPath(new URL('../../../tests/fixtures/wire-india-japan-ties.txt', import.meta.url)),
  'utf8',
)
const ninjsOptions = { language: 'en', uriBase: 'urn:copydesk:article:' }
const publishOptions = {
  exportedAt: '2026-01-23T12:00:00.000Z',
  generator: 'test',
  comments: { enabled: true, minLength: 50 },
}
const article = (fields: Partial<Article>): Article => ({
  ...newArticle({
    id: '6f1c2a5e-3b7d-4e8f-9a0b-1c2d3e4f5a6b',
    author: 'Asha Rao',
    now: '2026-01-23T09:00:00.000Z',
  }),
  slug: 'story',
  status: 'approved',
  approval: { by: 'Desk', at: '2026-01-23T11:00:00.000Z' },
  ...fields,
})
const text = (t: string): DocNode => ({ type: 'text', text: t })
const p = (t: string): DocNode => ({ type: 'paragraph', content: [text(t)] })
const bodyOf = (item: Record<string, unknown>) =>
  z.array(z.object({ value: z.string() })).optional().parse(item['bodies'])?.[0]?.value ?? ''
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : []
const xmlProblems = (xml: string) => {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml')
  return doc.getElementsByTagName('parsererror').length
}

describe('item 10: a ninjs export re-imports to the same article', () => {
  const wire = article({
    ...parseWireText(fixture, new Date('2026-11-26')).fields,
    byline: ['Asha Rao', 'Ken Sato'],
    sources: [{ name: 'MEA', url: 'https://mea.gov.in' }],
    tags: ['Diplomacy', 'Quad'],
    entities: [
      {
        kind: 'place',
        name: 'New Delhi',
        rel: 'mentions',
        uri: 'http://www.wikidata.org/entity/Q987',
      },
      { kind: 'person', name: 'S. Jaishankar', uri: 'http://www.wikidata.org/entity/Q3350193' },
      { kind: 'organisation', name: 'Quad' },
      {
        kind: 'subject',
        name: 'diplomacy',
        uri: 'http://cv.iptc.org/newscodes/mediatopic/20000638',
      },
    ],
    language: 'en-IN',
    contentCreated: '2026-01-23T06:30:00.000Z',
  })
  const back = parseNinjs(toNinjs(wire, ninjsOptions), htmlToBody)

  it('every field comes back where it was', () => {
    expect(back.fields).toMatchObject({
      headline: wire.headline,
      deck: wire.deck,
      summary: wire.summary,
      keyPoints: wire.keyPoints,
      dateline: { place: 'New Delhi', date: '2026-01-23' },
      byline: ['Asha Rao', 'Ken Sato'],
      credit: 'IANS',
      sources: [{ name: 'MEA', url: 'https://mea.gov.in' }],
      tags: ['Diplomacy', 'Quad'],
      entities: wire.entities,
      language: 'en-IN',
      contentCreated: '2026-01-23T06:30:00.000Z',
    })
    expect(back.unplaced).toEqual([])
    expect(back.kill).toBeNull()
  })
  it('the body blocks, the pull quote with its attribution, and the dateline neither glued nor doubled', () => {
    expect(back.fields.body).toEqual(wire.body)
    const lead = back.fields.body.content?.[0]?.content?.[0]?.text ?? ''
    expect(lead).toMatch(/^The India-Japan Foreign Ministers/)
    const again = parseNinjs(toNinjs(article(back.fields), ninjsOptions), htmlToBody)
    expect(again.fields.body).toEqual(wire.body)
    expect(again.fields.dateline).toEqual(wire.dateline)
  })
  it('no credit turns into a byline', () => {
    const agencyOnly = article({ ...wire, byline: [] })
    const item = toNinjs(agencyOnly, ninjsOptions)
    expect(item['by']).toBeUndefined()
    expect(parseNinjs(item, htmlToBody).fields).toMatchObject({ byline: [], credit: 'IANS' })
  })
})

describe('item 13: ninjs follows IPTC conventions', () => {
  const story = article({
    headline: 'Monsoon arrives',
    dateline: { place: 'Kochi', date: '2026-06-01' },
    body: { type: 'doc', content: [p('Rain.')] },
    credit: 'PTI',
    sources: [{ name: 'IMD', url: 'https://mausam.imd.gov.in' }],
    tags: ['Weather'],
    entities: [
      { kind: 'place', name: 'Kerala', rel: 'about', uri: 'http://www.wikidata.org/entity/Q1186' },
      { kind: 'subject', name: 'Industri', code: '04011000' },
    ],
  })
  it('tags are name-only subjects (3.1 has no keywords); coded subjects keep their URI or code; places keep the feed relation', () => {
    const item = toNinjs(story, ninjsOptions)
    expect(validateExport('ninjs', item)).toEqual([])
    expect(item).not.toHaveProperty('keywords')
    expect(item['subjects']).toEqual([
      { name: 'Industri', literal: '04011000' },
      { name: 'Weather' },
    ])
    expect(item['places']).toEqual([
      { name: 'Kerala', rel: 'about', uri: 'http://www.wikidata.org/entity/Q1186' },
    ])
    expect(JSON.stringify(item)).not.toContain('"rel":"located"')
    expect(item['infoSources']).toEqual([
      { name: 'PTI', role: 'http://cv.iptc.org/newscodes/infosourcerole/originfo' },
      {
        name: 'IMD',
        role: 'http://cv.iptc.org/newscodes/contentprodpartyrole/contentSource',
        uri: 'https://mausam.imd.gov.in',
      },
    ])
  })
  it('copyright comes from the feed, else the desk settings, never the credit', () => {
    expect(toNinjs(story, ninjsOptions)).not.toHaveProperty('copyrightHolder')
    expect(
      toNinjs(story, {
        ...ninjsOptions,
        copyrightHolder: 'Kerala Times',
        copyrightNotice: '© 2026 Kerala Times',
      }),
    ).toMatchObject({ copyrightHolder: 'Kerala Times', copyrightNotice: '© 2026 Kerala Times' })
    expect(
      toNinjs(article({ ...story, copyrightHolder: 'PTI', copyrightNotice: 'Copyright PTI' }), {
        ...ninjsOptions,
        copyrightHolder: 'Kerala Times',
      }),
    ).toMatchObject({ copyrightHolder: 'PTI', copyrightNotice: 'Copyright PTI' })
  })
  it('a killed story is canceled with its reason in edNote, and re-imports as a kill', () => {
    const item = toNinjs(article({ ...story, status: 'killed' }), {
      ...ninjsOptions,
      killNote: 'Legal complaint',
    })
    expect(item).toMatchObject({
      pubStatus: 'canceled',
      edNote: expect.stringMatching(/^KILLED: Legal complaint/),
    })
    expect(validateExport('ninjs', item)).toEqual([])
    expect(parseNinjs(item, htmlToBody).kill).toMatchObject({
      reason: expect.stringMatching(/Legal complaint/),
    })
  })
  it('items 4 and 5: the story language and when it was written, not the desk default or the file date', () => {
    const item = toNinjs(
      article({ ...story, language: 'ml', contentCreated: '2026-05-31T22:00:00+05:30' }),
      ninjsOptions,
    )
    expect(item).toMatchObject({ language: 'ml', contentCreated: '2026-05-31T22:00:00+05:30' })
    expect(toNinjs(story, ninjsOptions)).toMatchObject({
      language: 'en',
      contentCreated: story.createdAt,
    })
  })
})

describe('3.9: every export is well-formed XML whatever the text holds', () => {
  const hostile =
    'Bad\u0000 \u0001\u0008\u000B\u000C\u001F bytes \uFFFE\uFFFF lone \uD800 and \uDC00 pair 😀 tab\there'
  const story = article({
    headline: `Headline ${hostile}`,
    deck: hostile,
    summary: hostile,
    keyPoints: { title: hostile, items: [hostile] },
    dateline: { place: `Kochi${'\u0002'}`, date: '2026-06-01' },
    body: {
      type: 'doc',
      content: [
        p(hostile),
        { type: 'heading', attrs: { level: 2 }, content: [text(hostile)] },
        {
          type: 'pullQuote',
          content: [
            { type: 'pullQuoteText', content: [text(hostile)] },
            { type: 'pullQuoteAttribution', content: [text(hostile)] },
          ],
        },
      ],
    },
    byline: [`Asha${'\u0003'}`],
    credit: `IANS${'\u0004'}`,
    tags: [`tag${'\u0005'}`],
    entities: [{ kind: 'person', name: `Ken${'\u0006'}` }],
  })
  it('the ninjs and the publish JSON bodies parse with an XML parser, and no string keeps a forbidden character', () => {
    const forbidden =
      // eslint-disable-next-line no-control-regex -- the test looks for exactly these
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
    for (const status of ['approved', 'draft', 'killed'] as const) {
      const item = toNinjs(article({ ...story, status }), ninjsOptions)
      expect(xmlProblems(bodyOf(item))).toBe(0)
      expect(strings(item).filter((s) => forbidden.test(s))).toEqual([])
      expect(bodyOf(item)).toContain('😀')
      const json = toPublishJson(article({ ...story, status }), publishOptions)
      expect(xmlProblems(`<div>${json.body.html}</div>`)).toBe(0)
      expect(strings(json).filter((s) => forbidden.test(s))).toEqual([])
    }
  })
})

describe('item 10 after review: the round trip keeps what the editor wrote', () => {
  const roundTrip = (fields: Partial<Article>) =>
    parseNinjs(toNinjs(article(fields), ninjsOptions), htmlToBody).fields
  const body = (...paragraphs: string[]) => ({ type: 'doc' as const, content: paragraphs.map(p) })

  it('bug (finding 6): a lead "NASA — the agency — said…" lost "NASA — " behind a dateline', () => {
    const back = roundTrip({
      dateline: { place: 'Houston', date: '2026-01-23' },
      body: body('NASA — the agency — said the launch would slip.'),
    })
    expect(back.body).toEqual(body('NASA — the agency — said the launch would slip.'))
    expect(back.dateline).toEqual({ place: 'Houston', date: '2026-01-23' })
  })
  it('bug (finding 6): without a dateline, "NASA — the agency…" became the place "Nasa"', () => {
    const back = roundTrip({
      dateline: { place: '', date: null },
      body: body('NASA — the agency — said the launch would slip.'),
    })
    expect(back.dateline).toEqual({ place: '', date: null })
    expect(back.body).toEqual(body('NASA — the agency — said the launch would slip.'))
  })
  it('bug (finding 10): the byline ["Smith, John"] came back as ["Smith", "John"]', () => {
    expect(roundTrip({ byline: ['Smith, John', 'Jane Roe'] }).byline).toEqual([
      'Smith, John',
      'Jane Roe',
    ])
    expect(roundTrip({ byline: ['Asha Rao', 'Ken Sato'] }).byline).toEqual(['Asha Rao', 'Ken Sato'])
  })
  it.each([
    ['a dateline without a date gained the contentCreated date', { place: 'Kochi', date: null }],
    [
      'a date without a place was replaced by the contentCreated day',
      { place: '', date: '2025-12-30' },
    ],
    ['a lowercase place lost its date', { place: 'the Hague', date: '2026-01-20' }],
  ])('bug (finding 11): %s', (_name, dateline) => {
    const back = roundTrip({
      dateline,
      contentCreated: '2026-01-23T06:30:00.000Z',
      body: body('The court ruled on Monday.'),
    })
    expect(back.dateline).toEqual(dateline)
    expect(back.body).toEqual(body('The court ruled on Monday.'))
  })
  it('bug (low): a subject with a relation but no code came back as a tag; a name-only one is a tag', () => {
    const back = roundTrip({
      entities: [{ kind: 'subject', name: 'Elections', rel: 'about' }],
      tags: ['Budget'],
    })
    expect(back.entities).toEqual([{ kind: 'subject', name: 'Elections', rel: 'about' }])
    expect(back.tags).toEqual(['Budget'])
  })
  it('an affiliation stays with its writer both ways', () => {
    expect(roundTrip({ byline: ['Maya Lindqvist, Lund University'] }).byline).toEqual([
      'Maya Lindqvist, Lund University',
    ])
  })
  it('bug (low): an empty key points title came back as "Key Points"', () => {
    const keyPoints = { title: '', items: ['One', 'Two'] }
    expect(roundTrip({ keyPoints }).keyPoints).toEqual(keyPoints)
    expect(roundTrip({ keyPoints: { title: 'In brief', items: ['One'] } }).keyPoints).toEqual({
      title: 'In brief',
      items: ['One'],
    })
  })
})
