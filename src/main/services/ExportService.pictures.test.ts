import { readFile, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { DocNode } from '../../shared/domain/DocNode'
import type { PictureRecord } from '../../shared/media/PictureRecord'
import { validateExport } from '../export/schemaValidators'
import { PictureImporter } from '../media/PictureImporter'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { tempDir } from '../../../tests/support/tempDir'

const fixtures = join(import.meta.dirname, '../../../tests/fixtures/media')
const clock = { now: () => new Date('2026-03-02T09:00:00.000Z') }
let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation

const open = () =>
  openWorkstation({ dataDir: join(dir.path, 'data'), host: 'cli', version: 'test', clock })
beforeEach(async () => {
  dir = await tempDir()
  ws = await open()
})
afterEach(async () => {
  await ws.close()
  await dir.cleanup()
})

const Rendition = z.object({ path: z.string(), sha256: z.string(), bytes: z.number() })
const Exported = z.object({
  leadImage: z.object({ caption: z.string(), renditions: z.array(Rendition) }),
  body: z.object({
    html: z.string(),
    blocks: z.array(z.object({ type: z.string(), renditions: z.array(Rendition).optional() })),
  }),
})

const NinjsPictures = z.object({
  associations: z.array(z.looseObject({ name: z.string() })),
  bodies: z.array(z.object({ value: z.string() })),
})

const figure = (picture: PictureRecord, caption: string): DocNode => ({
  type: 'figure',
  attrs: {
    mediaId: picture.id,
    caption,
    credit: 'Karin Fotograf/TT',
    creator: 'Karin Fotograf',
    copyright: '© TT',
    altText: 'Soldiers walk along a snowy road.',
  },
})
const p = (text: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })

/**
 * An approved story with a lead picture and two figures. The figures are written into the stored
 * article as the editor's figure node saves them: that node's schema lands with the editor's work,
 * and until then a save through the service would refuse the unknown node.
 */
async function storyWithPictures(): Promise<{ id: string; pictures: PictureRecord[] }> {
  await ws.client.setProfile({ name: 'Asha Rao', role: 'writer' })
  const created = await ws.client.createArticle({
    fields: {
      headline: 'Exercise in the north',
      dateline: { place: 'Boden', date: '2026-03-01' },
      credit: 'TT',
      body: { type: 'doc', content: [p('The exercise starts.'), p('It ends in May.')] },
    },
  })
  await ws.client.addPicture({
    id: created.id,
    name: 'tagged.jpg',
    data: (await readFile(join(fixtures, 'tagged.jpg'))).toString('base64'),
    as: 'lead',
    altText: 'A fire engine outside a burning warehouse.',
    credit: 'Asha Rao/Copydesk',
  })
  await ws.client.transition({ id: created.id, action: 'submit' })
  await ws.client.setProfile({ name: 'Vikram Desk', role: 'desk-chief' })
  await ws.client.transition({ id: created.id, action: 'approve' })
  const importer = new PictureImporter({
    media: ws.media,
    settings: () => ws.settings.get(),
    clock,
  })
  const second = await importer.importFile(join(fixtures, 'caption-only.jpg'))
  const third = await importer.importFile(join(fixtures, 'small.png'))
  await ws.close()
  const file = join(dir.path, 'data', 'articles', `${created.id}.json`)
  const stored = z.looseObject({ body: z.looseObject({ content: z.array(z.unknown()) }) })
  const article = stored.parse(JSON.parse(await readFile(file, 'utf8')))
  article.body.content = [
    p('The exercise starts.'),
    figure(second, 'Soldiers on the march.'),
    p('It ends in May.'),
    figure(third, 'The map of the area.'),
  ]
  await writeFile(file, JSON.stringify(article))
  ws = await open()
  const lead = (await ws.client.listPictures({ id: created.id })).pictures[0]?.record
  if (!lead) throw new Error('the lead picture was not stored')
  return { id: created.id, pictures: [lead, second, third] }
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

describe('exports with pictures', () => {
  it('a story with a lead picture and two figures exports both formats valid, its renditions beside the JSON', async () => {
    const { id, pictures } = await storyWithPictures()
    const out = join(dir.path, 'out')
    const [written] = await ws.client.exportArticles({ ids: [id], format: 'copydesk', dir: out })
    expect(written?.file).toBe(join(out, 'exercise-in-the-north.json'))
    const document: unknown = JSON.parse(await readFile(written?.file ?? '', 'utf8'))
    expect(validateExport('copydesk', document)).toEqual([])
    const json = Exported.parse(document)
    expect(json.leadImage.renditions.map((r) => r.path)).toEqual(
      pictures[0]?.renditions.map((r) => `exercise-in-the-north.media/${r.id}`),
    )
    expect(json.body.blocks.map((b) => b.type)).toEqual([
      'paragraph',
      'figure',
      'paragraph',
      'figure',
    ])
    const all = [json.leadImage, ...json.body.blocks].flatMap((b) => b.renditions ?? [])
    expect(all).toHaveLength(6)
    for (const rendition of all) {
      const data = await readFile(join(out, rendition.path))
      expect(sha256(data)).toBe(rendition.sha256)
      expect(data.length).toBe(rendition.bytes)
    }
    expect(json.body.html).toContain(
      `<figure class="picture" data-copydesk="figure"><img src="exercise-in-the-north.media/${pictures[1]?.renditions[0]?.id}" alt="Soldiers walk along a snowy road."`,
    )

    const [ninjs] = await ws.client.exportArticles({ ids: [id], format: 'ninjs', dir: out })
    const item: unknown = JSON.parse(await readFile(ninjs?.file ?? '', 'utf8'))
    expect(validateExport('ninjs', item)).toEqual([])
    const { associations, bodies } = NinjsPictures.parse(item)
    expect(associations.map((a) => a.name)).toEqual(['featureimage', 'picture1', 'picture2'])
    expect(associations[1]).toEqual({
      name: 'picture1',
      uri: `urn:copydesk:media:${pictures[1]?.id}`,
      type: 'picture',
      representationType: 'partial',
      descriptions: [
        { role: 'caption', contentType: 'text/plain', value: 'Soldiers on the march.' },
        { role: 'alt', contentType: 'text/plain', value: 'Soldiers walk along a snowy road.' },
      ],
      by: 'Karin Fotograf',
      copyrightHolder: 'Karin Fotograf/TT',
      copyrightNotice: '© TT',
      renditions: pictures[1]?.renditions.map((r) => ({
        name: r.name,
        title: `exercise-in-the-north.media/${r.id}`,
        contentType: 'image/jpeg',
        width: r.width,
        height: r.height,
        sizeInBytes: r.bytes,
      })),
    })
    expect(bodies[0]?.value).toMatch(
      /<p>It ends in May\.<\/p><figure class="picture" data-copydesk="figure" data-assoc-ref="picture2"><img src="exercise-in-the-north\.media\/[0-9a-f]{64}\.(jpg|webp)"/,
    )
  })

  it('a damaged rendition refuses the export by the picture it belongs to, and writes nothing', async () => {
    const { id, pictures } = await storyWithPictures()
    const web = pictures[1]?.renditions.find((r) => r.name === 'web')
    if (!web) throw new Error('no web rendition')
    await writeFile(ws.media.pathOf(web.id), 'torn')
    const out = join(dir.path, 'out')
    await expect(
      ws.client.exportArticles({ ids: [id], format: 'copydesk', dir: out }),
    ).rejects.toThrow(
      /figure 1 in the body \(“Soldiers on the march\.”\), picture [0-9a-f]{12}…, its web rendition is damaged/,
    )
    await expect(readFile(join(out, 'exercise-in-the-north.json'))).rejects.toThrow(/ENOENT/)
  })

  it('a push carries the pictures with their words and no files', async () => {
    const { id } = await storyWithPictures()
    const { document: item } = await ws.exports.document(id, 'ninjs')
    expect(validateExport('ninjs', item)).toEqual([])
    expect(NinjsPictures.parse(item).associations).toHaveLength(3)
    const { document } = await ws.exports.document(id, 'copydesk')
    expect(validateExport('copydesk', document)).toEqual([])
    const json = Exported.parse(document)
    expect(json.leadImage.renditions).toEqual([])
    expect(json.body.html).not.toContain('<img')
  })
})

describe('checking an export', () => {
  it('names a damaged lead picture among the problems, on its field', async () => {
    const { id, pictures } = await storyWithPictures()
    const thumbnail = pictures[0]?.renditions.find((r) => r.name === 'thumbnail')
    if (!thumbnail) throw new Error('no thumbnail')
    await writeFile(ws.media.pathOf(thumbnail.id), '')
    const problems = await ws.client.validateExport({ id, format: 'ninjs' })
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'leadPicture',
        message: expect.stringMatching(/the lead picture .* its thumbnail rendition is damaged/),
      }),
    ])
  })
})
