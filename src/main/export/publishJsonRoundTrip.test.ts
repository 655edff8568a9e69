import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Article } from '../../shared/domain/Article'
import { newArticle } from '../../shared/domain/newArticle'
import { toPublishJson } from '../../shared/export/toPublishJson'
import { parseWireText } from '../../shared/import/parseWireText'
import { ImportService } from '../services/ImportService'
import { fixedClock } from '../../../tests/support/fixedClock'

const fixture = readFileSync(
  fileURLToPath(new URL('../../../tests/fixtures/wire-india-japan-ties.txt', import.meta.url)),
  'utf8',
)
const publishOptions = {
  exportedAt: '2026-01-23T12:00:00.000Z',
  generator: 'test',
  comments: { enabled: true, minLength: 50 },
}
const imports = new ImportService(fixedClock('2026-11-26T12:00:00Z'))
const wire: Article = {
  ...newArticle({
    id: '6f1c2a5e-3b7d-4e8f-9a0b-1c2d3e4f5a6b',
    author: 'Asha Rao',
    now: '2026-01-23T09:00:00.000Z',
  }),
  ...parseWireText(fixture, new Date('2026-11-26')).fields,
  slug: 'story',
  status: 'approved',
  approval: { by: 'Desk', at: '2026-01-23T11:00:00.000Z' },
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
    { kind: 'organisation', name: 'Quad' },
  ],
  language: 'en-IN',
  contentCreated: '2026-01-23T06:30:00.000Z',
  embargoedUntil: '2026-01-24T06:00:00.000Z',
}
const file = (article: Article) => JSON.stringify(toPublishJson(article, publishOptions), null, 2)

describe('a Copydesk publish JSON file opened or imported comes back as the story it was', () => {
  it('every field where it was, the body blocks and dateline neither glued nor doubled', async () => {
    const back = await imports.propose({ name: 'story.json', content: file(wire) })
    expect(back.format).toBe('copydesk-publish')
    expect(back.fields).toMatchObject({
      headline: wire.headline,
      deck: wire.deck,
      summary: wire.summary,
      keyPoints: wire.keyPoints,
      dateline: wire.dateline,
      byline: ['Asha Rao', 'Ken Sato'],
      credit: wire.credit,
      // A link is kept as the URL standard writes it, as every save does.
      sources: [{ name: 'MEA', url: 'https://mea.gov.in/' }],
      tags: ['Diplomacy', 'Quad'],
      entities: wire.entities,
      language: 'en-IN',
      contentCreated: '2026-01-23T06:30:00.000Z',
      embargoedUntil: '2026-01-24T06:00:00.000Z',
      feedItem: null,
    })
    expect(back.fields.body).toEqual(wire.body)
    expect(back.kill).toBeNull()
    expect(back.messages[0]).toBe(
      'A story Copydesk exported (approved, revision 1); it becomes a new draft here.',
    )
    // The fixed clock is later than the embargo: no warning; an embargo still ahead warns.
    expect(back.messages.some((m) => m.startsWith('EMBARGOED'))).toBe(false)
    const ahead = await imports.propose({
      name: 'story.json',
      content: file({ ...wire, embargoedUntil: '2027-01-01T06:00:00.000Z' }),
    })
    expect(ahead.messages).toContain(
      'EMBARGOED until 2027-01-01 06:00 UTC: the story must not be made public before then.',
    )
  })

  it('says that pictures stay behind, and drops an entity the file mangled with a note', async () => {
    const data = JSON.parse(file(wire))
    data.leadImage = { caption: 'Harbour', renditions: [] }
    data.entities.push({ kind: 'planet', name: 'Mars' })
    const back = await imports.propose({ name: 'story.json', content: JSON.stringify(data) })
    expect(back.fields.entities).toEqual(wire.entities)
    expect(back.messages).toContain(
      "The document's picture was left out: add it again in the editor.",
    )
    expect(back.messages.some((m) => m.startsWith('An invalid entity ({"kind":"planet"'))).toBe(
      true,
    )
  })

  it('refuses a publish JSON with nothing in it in one line naming the file', async () => {
    await expect(
      imports.propose({
        name: 'empty.json',
        content: '{"format":"copydesk-publish","formatVersion":"2.0"}',
      }),
    ).rejects.toThrow(/^empty\.json has nothing to import: no headline and no text/)
  })
})
