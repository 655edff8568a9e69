import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../shared/domain/Clock'
import { Quarantine } from '../store/Quarantine'
import { sweepDataDir } from '../store/sweepTempFiles'
import { WRITABLE } from '../store/DataDirAccess'
import { tempDir } from '../../../tests/support/tempDir'
import { MediaStore } from './MediaStore'
import { MEDIA_GRACE_MS, sweepMedia } from './sweepMedia'

const fixtures = join(import.meta.dirname, '../../../tests/fixtures/media')
const DAY = 24 * 60 * 60 * 1000

let dir: { path: string; cleanup: () => Promise<void> }
let now: number
const clock: Clock = { now: () => new Date(now) }
let quarantine: Quarantine
let store: MediaStore

beforeEach(async () => {
  dir = await tempDir()
  now = Date.parse('2026-12-01T12:00:00.000Z')
  quarantine = await Quarantine.open(dir.path, clock)
  store = await MediaStore.open({ dataDir: dir.path, quarantine, access: WRITABLE, clock })
})
afterEach(() => dir.cleanup())

const picture = async (name = 'small.jpg') => new Uint8Array(await readFile(join(fixtures, name)))
const mediaNames = async () => (await readdir(join(dir.path, 'media'))).sort()
const setAside = async () =>
  (await readdir(join(dir.path, 'quarantine'))).filter((n) => n !== 'problems.json')

describe('MediaStore: pictures stored by their content', () => {
  it('stores a picture as media/<sha256>.<ext>, only its owner may read it, and gives it back', async () => {
    const jpeg = await picture()
    const { id, created } = await store.put(jpeg, 'jpeg')
    expect(id).toBe(`${createHash('sha256').update(jpeg).digest('hex')}.jpg`)
    expect(created).toBe(true)
    expect(await mediaNames()).toEqual([id])
    expect((await stat(join(dir.path, 'media', id))).mode & 0o777).toBe(0o600)
    expect(await store.read(id)).toEqual(jpeg)
  })

  it('stores the same picture once, however many stories add it', async () => {
    const jpeg = await picture()
    const first = await store.put(jpeg, 'jpeg')
    const second = await store.put(jpeg, 'jpeg')
    expect(second).toEqual({ id: first.id, created: false })
    expect(await mediaNames()).toEqual([first.id])
  })

  it('says a picture that is not there is not found', async () => {
    await expect(store.read(`${'0'.repeat(64)}.png`)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('MediaStore: faults', () => {
  it('on a read-only data folder reads pictures, refuses to store one and creates nothing', async () => {
    const { id } = await store.put(await picture(), 'jpeg')
    const readOnly = await MediaStore.open({
      dataDir: dir.path,
      quarantine,
      access: { readOnly: true, reason: 'The disk is read-only (EROFS).' },
      clock,
    })
    expect(await readOnly.read(id)).toEqual(await picture())
    await expect(readOnly.put(await picture('small.png'), 'png')).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/read-only.*EROFS/),
    })
    expect(await mediaNames()).toEqual([id])
  })

  it('sets a torn picture aside by its hash and never serves it; adding it again heals it', async () => {
    const jpeg = await picture()
    const { id } = await store.put(jpeg, 'jpeg')
    await truncate(join(dir.path, 'media', id), 100)

    await expect(store.read(id)).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      message: expect.stringMatching(/is not the picture its name says: the file is torn/),
    })
    expect(await mediaNames()).toEqual([])
    expect(await setAside()).toEqual([expect.stringMatching(new RegExp(`-${id}$`))])
    expect(quarantine.list()).toEqual([
      expect.objectContaining({ kind: 'set-aside', file: join('media', id) }),
    ])
    expect(await store.has(id)).toBe(false)

    expect(await store.put(jpeg, 'jpeg')).toEqual({ id, created: true })
    expect(await store.read(id)).toEqual(jpeg)
  })

  it('sets aside a picture file a power cut left empty', async () => {
    const { id } = await store.put(await picture('small.png'), 'png')
    await writeFile(join(dir.path, 'media', id), '')
    await expect(store.read(id)).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      message: expect.stringMatching(/the picture file is empty/),
    })
    expect(await setAside()).toHaveLength(1)
  })

  it('sets aside a damaged picture record, and the picture itself still reads', async () => {
    const png = await picture('small.png')
    const { id } = await store.put(png, 'png')
    await writeFile(join(dir.path, 'media', `${id}.json`), '{"id": "half')
    expect(await store.readRecord(id)).toBeNull()
    expect(quarantine.list()).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/not valid JSON/) }),
    ])
    expect(await store.read(id)).toEqual(png)
  })

  it('the sweep at start removes what a killed picture write left, never a picture', async () => {
    const { id } = await store.put(await picture(), 'jpeg')
    const leftovers = [`.${id}.0123456789ab.4.tmp`, `.${id}.json.0123456789ab.5.tmp`]
    for (const name of leftovers) await writeFile(join(dir.path, 'media', name), 'half')
    await writeFile(join(dir.path, 'media', '.my-notes.tmp'), 'mine')
    await sweepDataDir(dir.path)
    expect(await mediaNames()).toEqual(['.my-notes.tmp', id])
  })
})

describe('sweepMedia', () => {
  /** Writes a file where a story can come back from, naming `ids`, as a stored article would. */
  const refer = async (folder: string, ids: string[]) => {
    await mkdir(join(dir.path, folder), { recursive: true })
    const article = { id: randomUUID(), leadPicture: { mediaId: ids[0] }, others: ids.slice(1) }
    await writeFile(join(dir.path, folder, `${randomUUID()}.json`), JSON.stringify(article))
  }

  it('never removes a picture a story, a trashed story, a revision or a set-aside file uses; removes the rest after the grace', async () => {
    const files = ['small.jpg', 'small.png', 'small.gif', 'small.webp', 'small.avif']
    const types = ['jpeg', 'png', 'gif', 'webp', 'avif'] as const
    const ids: string[] = []
    for (const [i, name] of files.entries()) {
      const type = types[i]
      if (type) ids.push((await store.put(await picture(name), type)).id)
    }
    const [live, trashed, revision, setAsideRef, unused] = ids
    if (!live || !trashed || !revision || !setAsideRef || !unused) throw new Error('no ids')
    const web = await store.put(await picture('small-lossless.webp'), 'webp')
    await store.saveRecord({
      id: live,
      type: 'jpeg',
      width: 6,
      height: 4,
      bytes: 269,
      importedAt: clock.now().toISOString(),
      metadata: { caption: '', credit: '', creator: '', copyright: '', altText: '' },
      renditions: [{ name: 'web', id: web.id, type: 'webp', width: 6, height: 4, bytes: 38 }],
    })
    await refer('articles', [live])
    await refer('trash', [trashed])
    await refer(join('history', randomUUID()), [revision])
    await refer('quarantine', [setAsideRef])
    await refer('sync', [web.id])
    await writeFile(join(dir.path, 'media', 'README.txt'), 'not a picture')

    now += MEDIA_GRACE_MS - 1000
    expect(await sweepMedia(dir.path, store, clock.now())).toEqual([])

    now += 2000
    expect(await sweepMedia(dir.path, store, clock.now())).toEqual([unused])
    expect(await mediaNames()).toEqual(
      ['README.txt', live, `${live}.json`, trashed, revision, setAsideRef, web.id].sort(),
    )
  })

  it('counts the grace from the last time the picture was added again', async () => {
    const jpeg = await picture()
    const { id } = await store.put(jpeg, 'jpeg')
    now += 6 * DAY
    await store.put(jpeg, 'jpeg')
    now += 6 * DAY
    expect(await sweepMedia(dir.path, store, clock.now())).toEqual([])
    now += 2 * DAY
    expect(await sweepMedia(dir.path, store, clock.now())).toEqual([id])
  })

  it('counts the grace from the last sweep that saw the picture used', async () => {
    const { id } = await store.put(await picture(), 'jpeg')
    await refer('articles', [id])
    now += 30 * DAY
    expect(await sweepMedia(dir.path, store, clock.now())).toEqual([])
    for (const name of await readdir(join(dir.path, 'articles')))
      await writeFile(join(dir.path, 'articles', name), '{}')
    now += DAY
    expect(await sweepMedia(dir.path, store, clock.now())).toEqual([])
    now += 7 * DAY
    expect(await sweepMedia(dir.path, store, clock.now())).toEqual([id])
  })

  it('reads no story when media/ holds no picture', async () => {
    await writeFile(join(dir.path, 'articles'), 'a file where the folder should be')
    expect(await sweepMedia(dir.path, store, clock.now())).toEqual([])
  })

  it('removes nothing when a folder it must read cannot be read', async () => {
    const { id } = await store.put(await picture(), 'jpeg')
    await writeFile(join(dir.path, 'articles'), 'a file where the folder should be')
    now += 30 * DAY
    await expect(sweepMedia(dir.path, store, clock.now())).rejects.toThrow()
    expect(await mediaNames()).toEqual([id])
  })
})
