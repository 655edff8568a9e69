import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { docText } from '../../shared/domain/countWords'
import { ImportService } from '../services/ImportService'
import { htmlToBody } from './htmlToBody'
import { fixedClock } from '../../../tests/support/fixedClock'

const read = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../tests/fixtures/agency/${name}`, import.meta.url)),
    'utf8',
  )
const imports = new ImportService(fixedClock('2026-03-05T12:00:00Z'))
const propose = (name: string) => imports.propose({ name, content: read(name) })
const ninjs = (item: Record<string, unknown>) =>
  imports.propose({ name: 'item.json', content: JSON.stringify(item) })
const text = (html: string) => docText(htmlToBody(html).body)

describe('envelopes and empty files (finding 18)', () => {
  it('bug: an AP Media API envelope became a blank "Untitled article"; its item is read, and an item with no text is refused saying where the text is', async () => {
    await expect(propose('ap-media-item.json')).rejects.toThrow(
      /ap-media-item\.json has nothing to import.*downloads \(nitf, anpa\)/,
    )
  })
  it('an AP Media API envelope around a story with a body is unwrapped', async () => {
    const wrapped = JSON.parse(read('ap-media-item.json'))
    wrapped.data.item.body_html = '<p>The port ordered six new cranes.</p>'
    wrapped.data.item.headline = 'Port orders new cranes'
    const p = await imports.propose({ name: 'ap.json', content: JSON.stringify(wrapped) })
    expect(p.fields.headline).toBe('Port orders new cranes')
    expect(docText(p.fields.body)).toBe('The port ordered six new cranes.')
    expect(p.fields.credit).toBe('AP')
  })
  it('bug: a list of items ({item: […]}) was an empty draft; the first is read and the review says so', async () => {
    const p = await propose('bbc-item-list.json')
    expect(p.fields.headline).toBe('Council approves new bus depot')
    expect(docText(p.fields.body)).toMatch(/^Councillors approved plans/)
    expect(p.messages[0]).toMatch(/holds 2 items; the first .*Council approves new bus depot/)
  })
})

describe("AP's entities (low findings)", () => {
  const wrapped = JSON.parse(read('ap-media-item.json'))
  wrapped.data.item.body_text = 'Text.'
  it('bug: AP "ancestor" and "category" terms were imported as the story\'s own; AP scheme + code is the URI', async () => {
    const p = await imports.propose({ name: 'ap.json', content: JSON.stringify(wrapped) })
    expect(p.fields.entities).toEqual([
      {
        kind: 'place',
        name: 'Long Beach',
        uri: 'http://cv.ap.org/id/06ddc2e0834110048585df092526b431',
      },
      {
        kind: 'person',
        name: 'Dana Whitfield',
        uri: 'http://cv.ap.org/id/9f20931c4c3f49e8a45cff69f00fe0b1',
      },
      {
        kind: 'subject',
        name: 'Shipping',
        uri: 'http://cv.ap.org/id/94aaa8f88c0c100489d7b9433d2f4c01',
      },
    ])
    expect(p.messages.join('\n')).toMatch(/Left out 3 broader terms and categories/)
  })
})

describe('Superdesk ninjs 1.x (finding 17 and low findings)', () => {
  it('bug: the embargo was never read; it is kept on the article and said first in the review', async () => {
    const p = await propose('sd-embargoed.json')
    expect(p.fields.embargoedUntil).toBe('2026-06-29T02:30:00.000Z')
    expect(p.messages[0]).toMatch(/^EMBARGOED until 2026-06-29 02:30 UTC/)
  })
  it('ninjs 3.x embargoedUntil, and pubStatus withheld is a warning in the review', async () => {
    const p = await ninjs({
      uri: 'urn:x:1',
      headlines: [{ role: 'main', value: 'Budget' }],
      bodies: [{ contentType: 'text/plain', value: 'Text.' }],
      embargoedUntil: '2026-03-06T06:00:00+01:00',
      pubStatus: 'withheld',
    })
    expect(p.fields.embargoedUntil).toBe('2026-03-06T05:00:00.000Z')
    expect(p.messages.join('\n')).toMatch(
      /WITHHELD: the agency sent this item with pubStatus “withheld”/,
    )
  })
  it('an embargo that has passed is kept and said, not raised as a warning', async () => {
    const later = new ImportService(fixedClock('2026-07-01T00:00:00Z'))
    const p = await later.propose({ name: 'sd.json', content: read('sd-embargoed.json') })
    expect(p.fields.embargoedUntil).toBe('2026-06-29T02:30:00.000Z')
    expect(p.messages.join('\n')).not.toMatch(/EMBARGOED/)
    expect(p.messages).toContain("The agency's embargo (2026-06-29 02:30 UTC) has passed.")
  })
  it('bug: guid was ignored, so a later kill could not find the story; source names the credit', async () => {
    const p = await propose('sd-embargoed.json')
    expect(p.fields.feedItem).toEqual({
      uri: 'fd8e441b-0000-4411-9246-7d5de21cced9',
      version: '11',
    })
    expect(p.fields.credit).toBe('360info')
  })
})

describe('summaries (findings 12 and 19)', () => {
  it('bug: a text/plain description was stripped as HTML ("<5% while revenue rose >3%" lost) and &amp; decoded', async () => {
    const p = await ninjs({
      uri: 'urn:x:2',
      headlines: [{ role: 'main', value: 'Results' }],
      descriptions: [
        {
          role: 'summary',
          contentType: 'text/plain',
          value: 'Costs rose <5% while revenue rose >3% in Q1 at AT&amp;T',
        },
      ],
      bodies: [{ contentType: 'text/plain', value: 'Text.' }],
    })
    expect(p.fields.summary).toBe('Costs rose <5% while revenue rose >3% in Q1 at AT&amp;T')
  })
  it('an HTML description is read as text, entities decoded', async () => {
    expect((await propose('sd-embargoed.json')).fields.summary).toBe(
      'Old pipes & new heat: cities ration water.',
    )
  })
  it("bug: TT's description, the lead cut off mid-word, became the summary", async () => {
    const p = await propose('tt-ovning.ninjs.json')
    expect(p.fields.summary).toBe('')
    expect(p.messages.join('\n')).toMatch(/description is the start of the lead, cut off/)
  })
})

describe('entity URIs (finding 13)', () => {
  it('bug: an IRI (…/Zürich) was kept and then blocked the ninjs export; it is stored as its URI', async () => {
    const p = await ninjs({
      uri: 'u:1',
      headline: 'x',
      body_text: 'a',
      people: [{ name: 'P', uri: 'http://dbpedia.org/resource/Zürich' }],
    })
    expect(p.fields.entities).toEqual([
      { kind: 'person', name: 'P', uri: 'http://dbpedia.org/resource/Z%C3%BCrich' },
    ])
  })
})

describe('figures that are not photos (finding 4)', () => {
  it('bug: a plain HTML5 quote figure lost the quote and kept "— The mayor" as a photo caption', () => {
    const read = htmlToBody(
      '<p>Lead.</p><figure><blockquote><p>We will not give up.</p></blockquote><figcaption>— The mayor</figcaption></figure>',
    )
    expect(read.body.content?.[1]).toEqual({
      type: 'pullQuote',
      content: [
        { type: 'pullQuoteText', content: [{ type: 'text', text: 'We will not give up.' }] },
        { type: 'pullQuoteAttribution', content: [{ type: 'text', text: 'The mayor' }] },
      ],
    })
    expect(read.unplaced).toEqual([])
  })
  it('bug: <figure class="wp-block-table"> lost the table; cells no longer glue ("Votes52")', () => {
    const read = htmlToBody(
      '<figure class="wp-block-table"><table><tbody><tr><th>Party</th><th>Votes</th></tr><tr><td>Green</td><td>52</td></tr></tbody></table><figcaption>Final count</figcaption></figure>',
    )
    expect(docText(read.body)).toBe('Party | Votes\nGreen | 52\nFinal count')
    expect(read.notes.join(' ')).toMatch(/table of 2 rows/)
  })
  it('bug: an embedded tweet in a figure lost its text silently', () => {
    const read = htmlToBody(
      '<figure class="wp-block-embed is-provider-twitter"><div class="wp-block-embed__wrapper"><blockquote class="twitter-tweet"><p>Polls close at eight.</p>— Election Office (@votes) <a href="https://twitter.com/votes/status/1">March 5, 2026</a></blockquote></div></figure>',
    )
    expect(docText(read.body)).toMatch(/Polls close at eight\.[\s\S]*Election Office/)
    expect(read.notes.join(' ')).toMatch(/embedded post was kept/)
    expect(read.unplaced).toEqual([])
  })
  it('a photo figure is still kept aside with its image and credit', () => {
    const read = htmlToBody(
      '<p>Lead.</p><figure><img src="https://img.example/a.jpg" alt="x"><figcaption>The harbour at dawn. <cite>Jo Doe/AP</cite></figcaption></figure>',
    )
    expect(read.unplaced).toEqual([
      {
        kind: 'caption',
        text: 'The harbour at dawn.',
        image: 'https://img.example/a.jpg',
        credit: 'Jo Doe/AP',
      },
    ])
    expect(text('<p>Lead.</p>')).toBe('Lead.')
  })
})

describe('feed leftovers (finding 20)', () => {
  it('bug: unclassed <span>Försvar</span><span>TT</span> still read "FörsvarTT"', () => {
    expect(text('<div><span>Försvar</span><span>TT</span></div><p>Text.</p>')).toBe(
      'Försvar TT\nText.',
    )
  })
  it('a word split across spans in a paragraph is not broken ("Wash" + "ington")', () => {
    expect(text('<p><span>Wash</span><span>ington</span></p>')).toBe('Washington')
  })
  it('bug: a wrapper div whose class mentions caption was moved whole into one glued "caption"', () => {
    const read = htmlToBody(
      '<div class="story-with-captions"><p>First paragraph of the story.</p><p>Second paragraph.</p></div>',
    )
    expect(docText(read.body)).toBe('First paragraph of the story.\nSecond paragraph.')
    expect(read.unplaced).toEqual([])
  })
  it('bug: a paragraph of the story starting "Photo:" was removed on re-import', () => {
    const read = htmlToBody(
      '<p>Photo: the exhibition opens on Friday, and the curator says it is her last.</p><p>More.</p>',
    )
    expect(docText(read.body)).toMatch(/^Photo: the exhibition opens on Friday/)
    expect(read.unplaced).toEqual([])
  })
  it('a "Photo:" line next to a picture is its caption', () => {
    const read = htmlToBody(
      '<p>Lead.</p><img src="https://img.example/b.jpg" alt=""><p>Photo: The harbour at dawn (Reuters)</p>',
    )
    expect(read.unplaced).toContainEqual({
      kind: 'caption',
      text: 'The harbour at dawn',
      credit: 'Reuters',
    })
    expect(docText(read.body)).toBe('Lead.')
  })
})

describe('hostile markup (low findings)', () => {
  it('bug: markup nested thousands deep ran for seconds then overflowed the stack; it is read as text with a note', () => {
    const deep = `<p>${'<b><i>'.repeat(3000)}deep text${'</i></b>'.repeat(3000)}</p><p>After.</p>`
    const read = htmlToBody(deep)
    expect(docText(read.body)).toBe('deep text\nAfter.')
    expect(read.notes[0]).toMatch(/nested 6001 levels deep.*read as plain text/)
  })
  it('bug: relative links went through and were refused at save; they are unlinked with a note', () => {
    const read = htmlToBody(
      '<p>See <a href="/politics/budget">the budget</a> and <a href="https://ok.example/">this</a>.</p>',
    )
    expect(JSON.stringify(read.body)).not.toContain('/politics/budget')
    expect(JSON.stringify(read.body)).toContain('https://ok.example/')
    expect(docText(read.body)).toBe('See the budget and this.')
    expect(read.notes.join(' ')).toMatch(/A link was not a full web address/)
  })
  it('links in feed HTML are kept as the editor and every save keep them (one normalizeLink)', () => {
    const read = htmlToBody(
      '<p><a href="HTTPS://WWW.Agency.example/Story">a</a> <a href="www.agency.example">b</a> <a href="https:\\\\evil.example">c</a></p>',
    )
    const body = JSON.stringify(read.body)
    expect(body).toContain('"href":"https://www.agency.example/Story"')
    expect(body).not.toContain('www.agency.example"')
    expect(body).not.toContain('evil.example')
    expect(docText(read.body)).toBe('a b c')
    expect(read.notes.join(' ')).toMatch(/2 links were not a full web address/)
  })
})
