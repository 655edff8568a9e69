import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import type { Article } from '../../shared/domain/Article'
import type { DocNode } from '../../shared/domain/DocNode'
import { newArticle } from '../../shared/domain/newArticle'
import type { PictureFiles, PublishRendition } from '../../shared/export/publishPicture'
import { toNinjs } from '../../shared/export/toNinjs'
import { toPublishJson } from '../../shared/export/toPublishJson'
import { parseNinjs } from '../../shared/import/parseNinjs'
import { htmlToBody } from '../import/htmlToBody'
import { validateExport } from './schemaValidators'

const hash = (c: string) => c.repeat(64)
const LEAD = `${hash('a')}.jpg`
const FIG1 = `${hash('b')}.jpg`
const FIG2 = `${hash('c')}.png`
const words = { caption: '', credit: '', creator: '', copyright: '', altText: '' }
const rendition = (id: string, name: 'web' | 'thumbnail'): PublishRendition => ({
  name,
  path: `story.media/${id}`,
  contentType: 'image/jpeg',
  width: name === 'web' ? 2048 : 400,
  height: name === 'web' ? 1365 : 267,
  bytes: 1234,
  sha256: id.slice(0, 64),
})
const files: PictureFiles = new Map([
  [LEAD, [rendition(`${hash('1')}.jpg`, 'web'), rendition(`${hash('2')}.jpg`, 'thumbnail')]],
  [FIG1, [rendition(`${hash('3')}.jpg`, 'web'), rendition(`${hash('4')}.jpg`, 'thumbnail')]],
  [FIG2, [rendition(`${hash('5')}.jpg`, 'web'), rendition(`${hash('6')}.jpg`, 'thumbnail')]],
])
const p = (t: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })
const figure = (mediaId: string, attrs: Partial<typeof words>): DocNode => ({
  type: 'figure',
  attrs: { mediaId, ...words, ...attrs },
})
const story: Article = {
  ...newArticle({
    id: '6f1c2a5e-3b7d-4e8f-9a0b-1c2d3e4f5a6b',
    author: 'Asha Rao',
    now: '2026-01-23T09:00:00.000Z',
  }),
  headline: 'Floods in Kochi',
  slug: 'story',
  dateline: { place: 'Kochi', date: '2026-06-01' },
  credit: 'PTI',
  status: 'approved',
  approval: { by: 'Desk', at: '2026-01-23T11:00:00.000Z' },
  leadPicture: {
    mediaId: LEAD,
    caption: 'A flooded street in Kochi.',
    credit: 'Reuters',
    creator: 'Sivaram V',
    copyright: '© Reuters 2026',
    altText: 'Water reaches the doors of parked cars.',
  },
  body: {
    type: 'doc',
    content: [
      p('Rain fell all night.'),
      figure(FIG1, { caption: 'Boats on Main Road.', credit: 'PTI', altText: 'Two boats.' }),
      p('Schools are closed.'),
      figure(FIG2, {}),
      // Not a picture (no media id): left out, never exported as a broken reference.
      { type: 'figure', attrs: { mediaId: 'photo.jpg', caption: 'Lost' } },
    ],
  },
}
const publishOptions = {
  exportedAt: '2026-01-23T12:00:00.000Z',
  generator: 'test',
  comments: { enabled: true, minLength: 50 },
}
const ninjsOptions = { language: 'en', uriBase: 'urn:copydesk:article:' }

describe('pictures in the Copydesk publish JSON 2.0', { timeout: 30_000 }, () => {
  it('the lead image and the figures in their place, valid, with renditions and HTML', () => {
    const json = toPublishJson(story, { ...publishOptions, pictures: files })
    expect(validateExport('copydesk', json)).toEqual([])
    expect(json.formatVersion).toBe('2.1')
    expect(json.leadImage).toEqual({
      id: LEAD,
      ...story.leadPicture,
      mediaId: undefined,
      renditions: files.get(LEAD),
    })
    expect(json.body.blocks.map((b) => b.type)).toEqual([
      'paragraph',
      'figure',
      'paragraph',
      'figure',
    ])
    expect(json.body.blocks[0]).toMatchObject({ dateline: 'Kochi, Jun 1' })
    expect(json.body.html).toContain(
      `<p>Schools are closed.</p><figure class="picture" data-copydesk="figure"><img src="story.media/${hash('5')}.jpg" alt="" width="2048" height="1365"/></figure>`,
    )
    expect(json.body.html).toContain(
      '<figcaption>Boats on Main Road. <small class="credit">PTI</small></figcaption>',
    )
  })

  it('without files (a push) the pictures keep their words, no renditions and no <img>', () => {
    const json = toPublishJson(story, publishOptions)
    expect(validateExport('copydesk', json)).toEqual([])
    expect(json.leadImage?.renditions).toEqual([])
    expect(json.body.html).not.toContain('<figure class="picture"')
  })

  it('a story without pictures has leadImage null and validates as before', () => {
    const json = toPublishJson(
      { ...story, leadPicture: null, body: { type: 'doc', content: [p('Rain.')] } },
      publishOptions,
    )
    expect(json.leadImage).toBeNull()
    expect(validateExport('copydesk', json)).toEqual([])
  })

  it('the schema refuses a rendition path that leaves the folder', () => {
    const json = toPublishJson(story, { ...publishOptions, pictures: files })
    const escaped = JSON.parse(JSON.stringify(json).replace('story.media/', '../'))
    expect(validateExport('copydesk', escaped)).not.toEqual([])
  })
})

const Associations = z.array(z.looseObject({ name: z.string(), uri: z.string() }))

// The re-import loads the HTML parser, which takes seconds on a loaded machine.
describe('pictures in ninjs 3.1', { timeout: 30_000 }, () => {
  const item = toNinjs(story, { ...ninjsOptions, pictures: files })
  it('associations for the lead and each figure, valid against the official schema', () => {
    expect(validateExport('ninjs', item)).toEqual([])
    const associations = Associations.parse(item['associations'])
    expect(associations.map((a) => [a.name, a.uri])).toEqual([
      ['featureimage', `urn:copydesk:media:${LEAD}`],
      ['picture1', `urn:copydesk:media:${FIG1}`],
      ['picture2', `urn:copydesk:media:${FIG2}`],
    ])
    expect(associations[0]).toMatchObject({
      by: 'Sivaram V',
      copyrightHolder: 'Reuters',
      copyrightNotice: '© Reuters 2026',
      descriptions: [
        { role: 'caption', contentType: 'text/plain', value: 'A flooded street in Kochi.' },
        {
          role: 'alt',
          contentType: 'text/plain',
          value: 'Water reaches the doors of parked cars.',
        },
      ],
    })
    // A figure with no words still validates: no empty descriptions, by or rights.
    expect(Object.keys(associations[2] ?? {}).sort()).toEqual(
      ['name', 'renditions', 'representationType', 'type', 'uri'].sort(),
    )
  })

  it('pushed without files, the associations have no renditions and still validate', () => {
    const bare = toNinjs(story, ninjsOptions)
    expect(validateExport('ninjs', bare)).toEqual([])
    expect(Associations.parse(bare['associations']).every((a) => !('renditions' in a))).toBe(true)
  })

  it('a re-import keeps the text and the dateline; the figures are not glued into paragraphs', () => {
    const back = parseNinjs(item, htmlToBody)
    expect(back.fields.dateline).toEqual(story.dateline)
    const paragraphs = (back.fields.body.content ?? []).map((n) =>
      (n.content ?? []).map((c) => c.text ?? '').join(''),
    )
    expect(paragraphs).toEqual(['Rain fell all night.', 'Schools are closed.'])
    expect(back.messages).toContain(
      "Copydesk's own picture “featureimage” (“A flooded street in Kochi.”) is not brought back with the text: add it to the story again.",
    )
  })
})
