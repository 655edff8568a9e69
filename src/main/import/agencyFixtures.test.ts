import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ArticleSummary } from '../../shared/domain/Article'
import { countWords, docText } from '../../shared/domain/countWords'
import { ImportService } from '../services/ImportService'
import { fixedClock } from '../../../tests/support/fixedClock'

const read = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../tests/fixtures/agency/${name}`, import.meta.url)),
    'utf8',
  )
const imports = new ImportService(fixedClock('2026-11-26T12:00:00Z'))
const propose = (name: string) => imports.propose({ name, content: read(name) })
const bodyText = (p: Awaited<ReturnType<typeof propose>>) => docText(p.fields.body)

describe('AP ninjs 3.x (IPTC example shape)', () => {
  it('item 1: the body dateline becomes the dateline and leaves the text, found in a lead over 400 characters', async () => {
    const p = await propose('ap-trial.ninjs.json')
    expect(p.fields.dateline).toEqual({ place: 'Grosseto, Italy', date: '2026-03-09' })
    expect(bodyText(p)).toMatch(/^The trial of the captain of a ferry/)
    expect(bodyText(p)).not.toContain('(AP)')
    expect(p.fields.credit).toBe('AP')
  })
  it('item 2: the byline loses "By" and the agency', async () => {
    const p = await propose('ap-trial.ninjs.json')
    expect(p.fields.byline).toEqual(['Paola Santoro', 'Frank Delmonte'])
  })
  it('item 3: places, people, organisations and coded subjects are kept with their URIs and relations', async () => {
    const p = await propose('ap-trial.ninjs.json')
    expect(p.fields.entities).toEqual(
      expect.arrayContaining([
        {
          kind: 'person',
          name: 'Marta Ricci',
          rel: 'about',
          uri: 'http://www.wikidata.org/entity/Q000000001',
        },
        {
          kind: 'place',
          name: 'Italy',
          rel: 'mentions',
          uri: 'http://cvx.iptc.org/iso3166-1a2/it',
        },
        { kind: 'organisation', name: 'Tyrrhenian Ferries SpA', rel: 'mentions' },
        {
          kind: 'subject',
          name: 'crime, law and justice',
          rel: 'about',
          uri: 'http://cv.iptc.org/newscodes/mediatopic/02000000',
        },
      ]),
    )
    expect(p.fields.tags).toEqual(['ferry accident'])
  })
  it('items 4, 5, 13: language, contentCreated and copyright come from the feed', async () => {
    const p = await propose('ap-trial.ninjs.json')
    expect(p.fields).toMatchObject({
      language: 'en',
      contentCreated: '2026-03-09T08:05:00.000Z',
      copyrightHolder: 'The Associated Press',
      copyrightNotice: expect.stringMatching(/^Copyright 2026 The Associated Press/),
      feedItem: { uri: 'http://ninjs.example.com/newsitems/20260309ap-court-4711', version: '3' },
    })
  })
  it('item 7: the photo figure is kept aside with its image and credit, not turned into a paragraph', async () => {
    const p = await propose('ap-trial.ninjs.json')
    expect(p.unplaced).toEqual([
      {
        kind: 'caption',
        text: 'The defendant arrives at the converted theater in Grosseto on Monday.',
        image: 'https://photos.example.com/ap/ferry-court.jpg',
        credit: '(AP Photo/Luca Bruno)',
      },
    ])
    expect(bodyText(p)).not.toContain('defendant arrives')
  })
})

describe('item 3: located without a place string', () => {
  it('falls back to the place entity whose rel is located', async () => {
    const ninjs = {
      uri: 'urn:x:located',
      headlines: [{ role: 'main', value: 'Rain' }],
      bodies: [{ role: 'main', contentType: 'text/plain', value: 'It rained.' }],
      firstcreated: '2026-06-01T08:00:00+05:30',
      places: [
        { name: 'Kerala', rel: 'mentions' },
        { name: 'Kochi', rel: 'located', uri: 'http://www.wikidata.org/entity/Q1800' },
      ],
    }
    const p = await imports.propose({ name: 'x.json', content: JSON.stringify(ninjs) })
    expect(p.fields.dateline).toEqual({ place: 'Kochi', date: '2026-06-01' })
  })
})

describe('dpa ninjs 2.0', () => {
  it('dateline "Dortmund (dpa) -", "Von …, dpa" byline, German, the feed date', async () => {
    const p = await propose('dpa-derby.ninjs.json')
    expect(p.fields).toMatchObject({
      dateline: { place: 'Dortmund', date: '2026-05-10' },
      byline: ['Christiane Holm'],
      credit: 'dpa',
      language: 'de',
      copyrightHolder: 'dpa',
    })
    expect(bodyText(p)).toMatch(/^Nach dem Revierderby/)
  })
  it('item 12: a pull quote whose blockquote holds paragraphs is one pull quote with its attribution', async () => {
    const p = await propose('dpa-derby.ninjs.json')
    const quotes = (p.fields.body.content ?? []).filter((n) => n.type === 'pullQuote')
    expect(quotes).toHaveLength(1)
    expect(docText(quotes[0]?.content?.[0])).toBe(
      'Das war eine klare Fehlentscheidung. Darüber müssen wir reden.',
    )
    expect(docText(quotes[0]?.content?.[1])).toBe('Der Trainer nach dem Spiel')
  })
})

describe('NTB ninjs 2.1', () => {
  it('by "NTB" is the credit, not a byline; the Nordic dateline; coded subjects; the note is said', async () => {
    const p = await propose('ntb-datasenter.ninjs.json')
    expect(p.fields.byline).toEqual([])
    expect(p.fields.credit).toBe('NTB')
    expect(p.fields.dateline.place).toBe('Skien')
    expect(p.fields.dateline.date).toBe('2026-08-09')
    expect(p.fields.language).toBe('nb-NO')
    expect(bodyText(p)).toMatch(/^Tomten er på nesten/)
    expect(p.fields.entities).toEqual(
      expect.arrayContaining([{ kind: 'subject', name: 'Teknologi', code: '13010000' }]),
    )
    expect(p.fields.tags).toEqual(['Innenriks'])
    expect(p.kill).toBeNull()
    expect(p.unplaced).toContainEqual({ kind: 'note', text: 'Agency note: Noe utvidet.' })
  })
})

describe('TT ninjs 2.1', () => {
  it('item 8: no repeated headline, no "FörsvarTT", the photo aside with its TT image URI', async () => {
    const p = await propose('tt-ovning.ninjs.json')
    const text = bodyText(p)
    expect(text).not.toContain('Stor försvarsövning hålls nästa år')
    expect(text).not.toMatch(/FörsvarTT|Försvar TT/)
    expect(text).toMatch(/^Den stora internationella övningen/)
    expect(p.fields.credit).toBe('TT')
    expect(p.unplaced).toEqual([
      {
        kind: 'caption',
        text: 'Soldater under en tidigare övning. Arkivbild.',
        image: 'http://tt.se/media/image/sdlk2sirkP',
        credit: 'Karin Fotograf/TT',
      },
    ])
    expect(p.fields.entities).toEqual(
      expect.arrayContaining([
        {
          kind: 'organisation',
          name: 'Försvarsmakten',
          uri: 'http://www.wikidata.org/entity/Q1141946',
        },
        { kind: 'place', name: 'Gotland' },
      ]),
    )
  })
})

describe('item 6: kills', () => {
  it('a canceled ninjs item is a kill notice naming the earlier story, found on the desk by its URI', async () => {
    const earlier = ArticleSummary.parse({
      id: '6f1c2a5e-3b7d-4e8f-9a0b-1c2d3e4f5a6b',
      slug: 'ferry-captain-on-trial',
      headline: 'Ferry captain goes on trial in Tuscany',
      status: 'published',
      author: 'Asha Rao',
      createdAt: '2026-03-09T10:00:00.000Z',
      updatedAt: '2026-03-09T11:00:00.000Z',
      revision: 3,
      tags: [],
      feedItem: { uri: 'http://ninjs.example.com/newsitems/20260309ap-court-4711' },
      wordCount: 120,
    })
    const desk = { list: async () => [earlier] }
    const p = await new ImportService(undefined, desk).propose({
      name: 'kill.json',
      content: read('ap-kill.ninjs.json'),
    })
    expect(p.kill).toMatchObject({
      reason: expect.stringMatching(/^KILL: The story headlined/),
      uri: 'http://ninjs.example.com/newsitems/20260309ap-court-4711',
      headline: 'Ferry captain goes on trial in Tuscany',
      earlier: { id: earlier.id, status: 'published' },
    })
  })
  it('a text kill ("KILL KILL KILL", "Eds: … withdrawn") is a kill notice too', async () => {
    const p = await propose('ap-kill.txt')
    expect(p.kill).toMatchObject({ headline: 'Ferry captain goes on trial in Tuscany' })
  })
  it('a story about killing is not a kill', async () => {
    const p = await imports.propose({
      name: 'x.txt',
      content: 'Police kill suspect in shootout\n\nMUMBAI, Jul 4 (PTI) - Police said.\n\n- PTI',
    })
    expect(p.kill).toBeNull()
  })
})

describe('Reuters and Kyodo wire text', () => {
  it('items 1, 2, 7, 11: "By" line, Reuters dateline on a long lead, the photo line aside, the sign-off', async () => {
    const p = await propose('reuters-senate.txt')
    expect(p.fields.byline).toEqual(['Jane Doe', 'Omar Khalid'])
    expect(p.fields.dateline.place).toBe('Washington')
    expect(p.fields.dateline.date).toBeNull()
    expect(p.fields.credit).toBe('Reuters')
    expect(bodyText(p)).toMatch(/^The U\.S\. Senate on Friday/)
    expect(bodyText(p)).not.toMatch(/Photo:|Reporting by|Editing by/)
    expect(p.fields.summary).toBe('')
    expect(p.unplaced).toEqual([
      {
        kind: 'caption',
        text: 'Senators leave the chamber after the vote in Washington',
        credit: 'Reuters',
      },
    ])
  })
  it('item 4: Japanese copy is Japanese, its words counted by a segmenter, and the Kyodo dateline is read', async () => {
    const p = await propose('kyodo-summit.txt')
    expect(p.fields.language).toBe('ja')
    expect(p.fields.dateline.place).toBe('東京')
    expect(p.fields.credit).toBe('共同')
    expect(bodyText(p)).toMatch(/^日米両政府は23日/)
    expect(countWords(bodyText(p))).toBeGreaterThan(20)
  })
})

describe('item 11: copy that cannot be split sensibly', () => {
  it('becomes a body, never an 8,000-character summary', async () => {
    const long = Array.from(
      { length: 40 },
      (_, i) => `Paragraph ${i} of a long story without a dateline, told plainly.`,
    )
    const content = ['A long story', ...long, '- IANS'].join('\n\n')
    const p = await imports.propose({ name: 'x.txt', content })
    expect(p.fields.summary).toBe('')
    expect(p.fields.body.content).toHaveLength(40)
  })
})

describe('item 14: limits are trimmed or flagged, never a crash', () => {
  it('a 700-character headline, a 300+ character source name and a URI with a space', async () => {
    const ninjs = {
      uri: 'urn:x:limits',
      headlines: [{ role: 'main', value: `Headline ${'word '.repeat(140)}` }],
      bodies: [{ role: 'main', contentType: 'text/plain', value: 'Body.' }],
      infoSources: [{ name: 'Wire' }, { name: 'S'.repeat(320), uri: 'https://example.org/x' }],
      people: [{ name: 'Asha Rao', uri: 'http://www.wikidata.org/entity/Q 42' }],
    }
    const p = await imports.propose({ name: 'limits.json', content: JSON.stringify(ninjs) })
    expect(p.fields.headline.length).toBeLessThanOrEqual(500)
    expect(p.fields.sources[0]?.name.length).toBeLessThanOrEqual(300)
    expect(p.fields.entities).toEqual([{ kind: 'person', name: 'Asha Rao' }])
    expect(p.messages.join('\n')).toMatch(/The headline was \d+ characters; cut to 500/)
    expect(p.messages.join('\n')).toMatch(/The source name .* cut to 300/)
    expect(p.messages.join('\n')).toMatch(/Asha Rao.*URI that is not one/)
  })
})
