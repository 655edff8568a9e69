import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ImportService } from '../services/ImportService'
import { fixedClock } from '../../../tests/support/fixedClock'

const read = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../tests/fixtures/agency/${name}`, import.meta.url)),
    'utf8',
  )
const imports = new ImportService(fixedClock('2026-11-26T12:00:00Z'))
const ninjs = (item: unknown) =>
  imports.propose({ name: 'item.json', content: JSON.stringify(item) })

// The first import of a run loads the HTML parser, which takes seconds on a loaded machine.
describe('pictures in incoming ninjs (issue 16)', { timeout: 30_000 }, () => {
  it('TT 2.x: the association is kept with its largest https rendition and TT’s words, not downloaded', async () => {
    const p = await imports.propose({ name: 'tt.json', content: read('tt-ovning.ninjs.json') })
    expect(p.fields.feedItem?.pictures).toEqual([
      {
        name: 'a001',
        uri: 'http://tt.se/media/image/sdlk2sirkP',
        // The 9000 px print rendition is larger, but only over http: never taken.
        href: 'https://media.example.se/a001_NormalHires.jpg',
        width: 4724,
        height: 3149,
        caption: 'Soldater under en tidigare övning. Arkivbild.',
        credit: 'Karin Fotograf/TT',
        creator: '',
        copyright: '© TT Nyhetsbyrån',
        altText: '',
      },
    ])
    expect(p.messages.join('\n')).toContain(
      'One picture comes with the item (“a001”): kept with the story, not downloaded',
    )
  })

  it('ninjs 1.x (Superdesk): associations by name, featuremedia first, a text association ignored', async () => {
    const p = await ninjs({
      uri: 'urn:newsml:sd:2026:1',
      headline: 'Harbour reopens',
      body_text: 'The harbour reopened.',
      associations: {
        editor_1: {
          type: 'picture',
          description_text: 'Ships in the harbour.',
          byline: 'Jon Hansen/NTB',
          renditions: {
            viewImage: {
              href: 'https://cdn.example.no/view.jpg',
              width: 640,
              height: 427,
              mimetype: 'image/jpeg',
            },
          },
        },
        featuremedia: {
          type: 'picture',
          headline: 'The harbour at dawn',
          copyrightholder: 'NTB',
          renditions: {
            original: { href: 'https://cdn.example.no/orig.jpg', width: 3000, height: 2000 },
            thumbnail: { href: 'https://cdn.example.no/thumb.jpg', width: 200, height: 133 },
          },
        },
        related: { type: 'text', uri: 'urn:newsml:sd:2026:0', headline: 'Earlier story' },
      },
    })
    expect(p.fields.feedItem?.pictures?.map((x) => [x.name, x.href, x.caption, x.credit])).toEqual([
      ['featuremedia', 'https://cdn.example.no/orig.jpg', 'The harbour at dawn', 'NTB'],
      ['editor_1', 'https://cdn.example.no/view.jpg', 'Ships in the harbour.', 'Jon Hansen/NTB'],
    ])
  })

  it('3.x: alt text from a description with role alt; a picture with no https link is left out with a note', async () => {
    const p = await ninjs({
      uri: 'https://example.org/item/1',
      headlines: [{ role: 'main', value: 'Storm' }],
      bodies: [{ role: 'main', contentType: 'text/plain', value: 'It rained.' }],
      associations: [
        {
          name: 'picture1',
          uri: 'https://example.org/pic/1',
          type: 'picture',
          descriptions: [
            { role: 'caption', value: 'Flooded street.' },
            { role: 'alt', value: 'Water up to the doors of parked cars.' },
          ],
          renditions: [
            { name: 'web', href: 'https://example.org/pic/1.jpg', contentType: 'image/jpeg' },
          ],
        },
        {
          name: 'picture2',
          uri: 'https://example.org/pic/2',
          type: 'picture',
          descriptions: [{ role: 'caption', value: 'A fallen tree.' }],
          renditions: [{ name: 'web', href: 'data:image/png;base64,iVBORw0KGgo=' }],
        },
      ],
    })
    expect(p.fields.feedItem?.pictures).toEqual([
      expect.objectContaining({
        name: 'picture1',
        caption: 'Flooded street.',
        altText: 'Water up to the doors of parked cars.',
      }),
    ])
    expect(p.messages).toContain(
      'The picture “picture2” (“A fallen tree.”) has no https link to download it from; it was left out.',
    )
  })
})
