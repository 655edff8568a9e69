import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { newArticle } from '../shared/domain/newArticle'
import { toPublishJson } from '../shared/export/toPublishJson'
import type { MediaId } from '../shared/media/MediaId'
import type { PictureRecord } from '../shared/media/PictureRecord'
import { PushError } from './CmsClient'
import type { PictureSource } from './picturesToPush'
import { validatePublishJson } from './validatePublishJson'
import { webhookRenditions } from './webhookRenditions'

const hash = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')
const web = Buffer.from('web rendition bytes')
const thumb = Buffer.from('thumbnail bytes')
const original = Buffer.from('original with GPS')
const ids = {
  original: `${hash(original)}.jpg`,
  web: `${hash(web)}.jpg`,
  thumb: `${hash(thumb)}.jpg`,
}
const record: PictureRecord = {
  id: ids.original,
  type: 'jpeg',
  width: 4000,
  height: 3000,
  bytes: original.length,
  importedAt: '2026-01-23T09:00:00.000Z',
  metadata: { caption: '', credit: '', creator: '', copyright: '', altText: '' },
  renditions: [
    { name: 'web', id: ids.web, type: 'jpeg', width: 2048, height: 1536, bytes: web.length },
    { name: 'thumbnail', id: ids.thumb, type: 'jpeg', width: 400, height: 300, bytes: 5 },
  ],
}
const files = new Map<string, Buffer>([
  [ids.original, original],
  [ids.web, web],
  [ids.thumb, thumb],
])

class Missing extends Error {}
const source = (records: PictureRecord[] = [record]): PictureSource => ({
  readRecord: (id: MediaId) => Promise.resolve(records.find((r) => r.id === id) ?? null),
  read: (id: MediaId) => {
    const data = files.get(id)
    return data ? Promise.resolve(data) : Promise.reject(new Missing(`${id} is missing`))
  },
  where: 'in this data folder',
  isFileFailure: (error): error is Error => error instanceof Missing,
})

const article = newArticle({
  id: '0b8e5a55-6b0a-4c1e-9b35-3f2e5d7c9a11',
  author: 'Asha Rao',
  now: '2026-01-23T09:00:00.000Z',
  fields: {
    headline: 'Fire in the harbour',
    dateline: { place: 'Gothenburg', date: '2026-01-23' },
    body: {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A warehouse burned.' }] }],
    },
    leadPicture: {
      mediaId: ids.original,
      caption: 'The warehouse at dawn.',
      credit: 'TT',
      creator: '',
      copyright: '',
      altText: 'A burning warehouse.',
    },
  },
})
const publish = (pictures: Awaited<ReturnType<typeof webhookRenditions>>) =>
  toPublishJson(article, {
    exportedAt: '2026-01-23T09:00:00.000Z',
    generator: 'test',
    comments: { enabled: false, minLength: 0 },
    pictures,
  })

describe('webhookRenditions', () => {
  it('base64: each rendition decodes to its file and hashes to its sha256; the original never goes', async () => {
    const pictures = await webhookRenditions(article, source(), { mode: 'base64' })
    const renditions = pictures.get(ids.original) ?? []
    expect(renditions.map((r) => r.name)).toEqual(['web', 'thumbnail'])
    for (const rendition of renditions) {
      const data = Buffer.from('data' in rendition ? rendition.data : '', 'base64')
      expect(hash(data)).toBe(rendition.sha256)
      expect(data.length).toBe(rendition.bytes)
      expect(rendition.sha256).not.toBe(hash(original))
    }
    expect(validatePublishJson(publish(pictures))).toEqual([])
  })

  it('links: each rendition is handed to `link` with its bytes and carries the address it gave', async () => {
    const linked: string[] = []
    const pictures = await webhookRenditions(article, source(), {
      mode: 'links',
      link: ({ id, data, contentType }) => {
        expect(hash(data)).toBe(id.slice(0, 64))
        expect(contentType).toBe('image/jpeg')
        linked.push(id)
        return Promise.resolve(`https://cdn.example.org/p/${id}`)
      },
    })
    expect(linked).toEqual([ids.web, ids.thumb])
    const [first] = pictures.get(ids.original) ?? []
    expect(first).toMatchObject({ href: `https://cdn.example.org/p/${ids.web}`, bytes: web.length })
    expect(validatePublishJson(publish(pictures))).toEqual([])
  })

  it('a rendition with both a path and data, or a relative href, does not pass the schema', async () => {
    const pictures = await webhookRenditions(article, source(), { mode: 'base64' })
    const [first, second] = pictures.get(ids.original) ?? []
    if (!first || !second) throw new Error('two renditions expected')
    const both = new Map([[ids.original, [{ ...first, path: 'x.media/a.jpg' }, second]]])
    expect(validatePublishJson(publish(both))).not.toEqual([])
    const relative = new Map([[ids.original, [{ ...first, href: '/p/a.jpg' }]]])
    expect(validatePublishJson(publish(relative))).not.toEqual([])
  })

  it('a picture without renditions, or with one missing, stops the push for good, named', async () => {
    const bare = { ...record, renditions: [] }
    await expect(webhookRenditions(article, source([bare]), { mode: 'base64' })).rejects.toThrow(
      /^The lead picture \(picture [0-9a-f]{12}…\) has no renditions in this data folder/,
    )
    files.delete(ids.thumb)
    const failure = await webhookRenditions(article, source(), { mode: 'base64' }).catch(
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(PushError)
    expect(failure).toMatchObject({
      retry: false,
      message: expect.stringMatching(/^The thumbnail rendition of the lead picture .* is missing/),
    })
    files.set(ids.thumb, thumb)
  })
})
