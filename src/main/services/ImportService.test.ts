import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { docText } from '../../shared/domain/countWords'
import { ImportService } from './ImportService'
import { fixedClock } from '../../../tests/support/fixedClock'

const fixture = readFileSync(
  fileURLToPath(new URL('../../../tests/fixtures/wire-india-japan-ties.txt', import.meta.url)),
  'utf8',
)
const imports = new ImportService(fixedClock('2026-11-26T12:00:00Z'))

describe('ImportService', () => {
  it('reads the wire fixture', async () => {
    const proposal = await imports.propose({ name: 'wire.txt', content: fixture })
    expect(proposal.format).toBe('wire-text')
    expect(proposal.fields.credit).toBe('IANS')
  })

  it('reads ninjs 1.x (headline, body_html, byline, located, subject)', async () => {
    const ninjs = {
      uri: 'urn:ians:1',
      type: 'text',
      headline: 'Quad ministers meet',
      description_text: 'They met in Tokyo.',
      body_html: '<p>Ministers met.</p><p onclick="x()">Again.</p><script>alert(1)</script>',
      byline: 'By Asha Rao and Ken Sato',
      located: 'Tokyo',
      versioncreated: '2026-03-04T10:00:00Z',
      subject: [{ name: 'Diplomacy' }],
      keywords: ['Quad'],
    }
    const { format, fields } = await imports.propose({
      name: 'story.json',
      content: JSON.stringify(ninjs),
    })
    expect(format).toBe('ninjs')
    expect(fields).toMatchObject({
      headline: 'Quad ministers meet',
      summary: 'They met in Tokyo.',
      byline: ['Asha Rao', 'Ken Sato'],
      dateline: { place: 'Tokyo', date: '2026-03-04' },
      tags: ['Diplomacy', 'Quad'],
    })
    expect(docText(fields.body)).toBe('Ministers met.\nAgain.')
    expect(JSON.stringify(fields.body)).not.toMatch(/onclick|script/)
  })

  it('reads ninjs 2.x/3.x (headlines with roles, bodies, descriptions, subjects, infoSources)', async () => {
    const ninjs = {
      uri: 'urn:x:2',
      headlines: [
        { role: 'main', value: 'Monsoon arrives early' },
        { role: 'sub', value: 'Kerala braces for rain' },
      ],
      descriptions: [{ role: 'summary', value: '<p>Rains <b>came</b> early.</p>' }],
      bodies: [
        { role: 'main', contenttype: 'text/plain', value: 'Plain version' },
        {
          role: 'main',
          contenttype: 'application/xhtml+xml',
          value: '<div><h2>Rain</h2><p>Kochi got <em>rain</em>.</p></div>',
        },
      ],
      by: 'Staff reporter',
      located: { name: 'Kochi' },
      firstcreated: '2026-06-01T08:00:00+05:30',
      subjects: [{ name: 'Weather' }],
      infoSources: [
        { name: 'PTI' },
        { name: 'IMD', uri: 'https://mausam.imd.gov.in' },
        { name: 'Bad', uri: 'javascript:x' },
      ],
    }
    const { fields } = await imports.propose({ name: 'feed.json', content: JSON.stringify(ninjs) })
    expect(fields).toMatchObject({
      headline: 'Monsoon arrives early',
      deck: 'Kerala braces for rain',
      summary: 'Rains came early.',
      byline: ['Staff reporter'],
      dateline: { place: 'Kochi', date: '2026-06-01' },
      credit: 'PTI',
      sources: [{ name: 'IMD', url: 'https://mausam.imd.gov.in' }, { name: 'Bad' }],
      tags: ['Weather'],
    })
    expect(fields.body.content?.[0]).toMatchObject({ type: 'heading' })
  })

  it('reads HTML with its first heading as the headline', async () => {
    const { format, fields } = await imports.propose({
      name: 'a.html',
      content: '<h1>Title</h1><p>Text <a href="javascript:1">x</a></p>',
    })
    expect(format).toBe('html')
    expect(fields.headline).toBe('Title')
    expect(JSON.stringify(fields.body)).not.toContain('javascript')
  })

  it('never throws on broken JSON: it is read as text and the review says so', async () => {
    const proposal = await imports.propose({ name: 'x.json', content: '{"headline": ' })
    expect(proposal.messages[0]).toMatch(/x\.json is not valid JSON/)
    expect(docText(proposal.fields.body)).toBe('{"headline":')
  })

  it.each([
    ['JSON that is not ninjs', 'x.json', '{"foo": 1}', /not an IPTC ninjs document/],
    ['a JSON array', 'x.json', '[1,2,3]', /not an IPTC ninjs document/],
    [
      'ninjs with wrong types',
      'x.json',
      '{"uri": 5, "headlines": "nope", "bodies": [null, 3], "located": []}',
      /no headline/,
    ],
    ['empty', 'x.txt', '', /The text is empty/],
    ['white space', 'x.txt', ' \n\n\t ', /The text is empty/],
  ])(
    'bug: %s was offered as an empty "Untitled article"; now refused in one line naming the file',
    async (_name, name, content, why) => {
      const refusal = imports.propose({ name, content })
      await expect(refusal).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(
          new RegExp(`^${name.replace('.', '\\.')} has nothing to import`),
        ),
      })
      await expect(refusal).rejects.toThrow(why)
    },
  )
})
