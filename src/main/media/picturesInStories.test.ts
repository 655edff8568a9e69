import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateArticle } from '../store/migrateArticle'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import { MEDIA_GRACE_MS, sweepMedia } from './sweepMedia'

const fixtures = join(import.meta.dirname, '../../../tests/fixtures/media')
let dir: Awaited<ReturnType<typeof tempDir>>
let now = Date.parse('2026-12-01T09:00:00.000Z')
let ws: Workstation

beforeEach(async () => {
  dir = await tempDir()
  now = Date.parse('2026-12-01T09:00:00.000Z')
  ws = await openWorkstation({
    dataDir: dir.path,
    host: 'cli',
    version: 'test',
    clock: { now: () => new Date(now) },
    user: () => 'Asha',
  })
})
afterEach(async () => {
  await ws.close()
  await dir.cleanup()
})

const base64 = async (name: string) => (await readFile(join(fixtures, name))).toString('base64')

async function storyWithPicture(headline: string, file: string) {
  const article = await ws.client.createArticle({ fields: { headline } })
  const { article: saved, picture } = await ws.client.addPicture({
    id: article.id,
    name: file,
    data: await base64(file),
    as: 'lead',
  })
  return { article: saved, picture }
}

describe('pictures in stories', () => {
  it('opens a story stored before pictures existed, with no lead picture', async () => {
    const story = await ws.client.createArticle({ fields: { headline: 'Older story' } })
    const path = join(dir.path, 'articles', `${story.id}.json`)
    const stored = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
    expect('leadPicture' in stored).toBe(true)
    const { leadPicture: _gone, ...older } = stored
    expect(migrateArticle(older).leadPicture).toBeNull()
  })

  it('keeps the lead picture through a save that does not send it', async () => {
    const { article } = await storyWithPicture('Fire', 'tagged.jpg')
    const saved = await ws.client.saveArticle({
      id: article.id,
      baseRevision: article.revision,
      changes: { headline: 'Fire in Pune' },
    })
    expect(saved.leadPicture?.mediaId).toBe(article.leadPicture?.mediaId)
  })

  it('the sweep keeps pictures of live, trashed and revised stories, and removes the one no story uses', async () => {
    await ws.client.setProfile({ name: 'Asha', role: 'writer' })
    const live = await storyWithPicture('Live', 'tagged.jpg')
    const trashed = await storyWithPicture('Trashed', 'small.png')
    await ws.client.trashArticle({ id: trashed.article.id })
    const revised = await storyWithPicture('Revised', 'small.gif')
    await ws.client.saveVersion({ id: revised.article.id })
    await ws.client.saveArticle({
      id: revised.article.id,
      baseRevision: revised.article.revision,
      changes: { leadPicture: null },
    })
    const dropped = await storyWithPicture('Dropped', 'small.webp')
    await ws.client.saveArticle({
      id: dropped.article.id,
      baseRevision: dropped.article.revision,
      changes: { leadPicture: null },
    })

    now += MEDIA_GRACE_MS + 1000
    const removed = await sweepMedia(dir.path, ws.media, new Date(now))
    expect(removed.sort()).toEqual(
      [dropped.picture.id, ...dropped.picture.renditions.map((r) => r.id)].sort(),
    )
    for (const kept of [live, trashed, revised]) {
      expect(await ws.media.has(kept.picture.id)).toBe(true)
      for (const rendition of kept.picture.renditions)
        expect(await ws.media.has(rendition.id)).toBe(true)
    }
  })
})

describe('pictures for the editor', () => {
  it('imports a picture without changing any story, its words read from the photo', async () => {
    const story = await ws.client.createArticle({ fields: { headline: 'Untouched' } })
    const { picture } = await ws.client.importPicture({
      name: 'tagged.jpg',
      data: await base64('tagged.jpg'),
    })
    expect(picture.metadata.credit).not.toBe('')
    const after = await ws.client.getArticle({ id: story.id })
    expect(after.revision).toBe(story.revision)
    expect(after.leadPicture).toBeNull()
  })

  it('refuses an SVG named .jpg with the reason, storing nothing', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>')
    await expect(
      ws.client.importPicture({ name: 'photo.jpg', data: svg.toString('base64') }),
    ).rejects.toThrow(/“photo\.jpg” is an SVG drawing/)
  })

  it('reads the thumbnail and the web rendition, hash-checked, with their type and size', async () => {
    const { picture } = await ws.client.importPicture({
      name: 'tagged.jpg',
      data: await base64('tagged.jpg'),
    })
    const thumbnail = await ws.client.readPicture({ id: picture.id, rendition: 'thumbnail' })
    const stored = picture.renditions.find((r) => r.name === 'thumbnail')
    expect(thumbnail).toMatchObject({ type: 'image/jpeg', width: stored?.width })
    expect(Buffer.from(thumbnail.data, 'base64').length).toBe(stored?.bytes)
    const web = await ws.client.readPicture({ id: picture.id, rendition: 'web' })
    expect(web.width).toBe(picture.renditions.find((r) => r.name === 'web')?.width)
  })

  it('says a picture is missing, and one damaged on disk was set aside, never serving it', async () => {
    const { picture } = await ws.client.importPicture({
      name: 'small.png',
      data: await base64('small.png'),
    })
    const missing = `${'0'.repeat(64)}.jpg`
    await expect(ws.client.readPicture({ id: missing, rendition: 'web' })).rejects.toThrow(
      `Picture ${missing} is not in this data folder.`,
    )
    const web = picture.renditions.find((r) => r.name === 'web')
    if (!web) throw new Error('no web rendition')
    await writeFile(ws.media.pathOf(web.id), 'torn')
    await expect(ws.client.readPicture({ id: picture.id, rendition: 'web' })).rejects.toThrow(
      /was damaged on disk and set aside/,
    )
  })
})
