import { createHash, randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createDeskClient, type DeskClient } from '../../shared/desk/createDeskClient'
import { DeskError } from '../../shared/desk/DeskError'
import { systemClock } from '../../shared/domain/Clock'
import { mediaIdOf, type MediaId } from '../../shared/media/MediaId'
import type { PictureRecord } from '../../shared/media/PictureRecord'
import type { PictureType } from '../../shared/media/PictureType'
import { eachDeskEngine, type DeskDatabase } from '../../../tests/support/eachDeskEngine'
import { rawRequest } from '../../../tests/support/rawRequest'
import { AccountService } from '../accounts/AccountService'
import { ScryptPasswordHasher } from '../accounts/ScryptPasswordHasher'
import { composeDesk } from '../composeDesk'
import { loadMigrations } from '../db/migrate'
import { deskReadiness } from '../deskReadiness'
import { ChangeFeed } from '../feed/ChangeFeed'
import { createFeedHandlers } from '../feed/createFeedHandlers'
import { startDeskServer, type DeskServer } from '../http/startDeskServer'
import { SecretBox } from '../outbox/SecretBox'
import { tempDir } from '../../../tests/support/tempDir'
import { DeskMediaStore } from './DeskMediaStore'
import { MediaFolder } from './MediaFolder'

const fixtures = join(import.meta.dirname, '../../../tests/fixtures/media')
const PASSWORD = 'media desk password 1'

type File = { id: MediaId; data: Buffer; base64: string }

async function fixture(name: string, type: PictureType): Promise<File> {
  const data = await readFile(join(fixtures, name))
  const id = mediaIdOf(createHash('sha256').update(data).digest('hex'), type)
  return { id, data, base64: data.toString('base64') }
}

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  if (!(error instanceof DeskError)) throw new Error(`expected a DeskError, got ${String(error)}`)
  return error
}

eachDeskEngine('pictures on the desk', (open) => {
  let desk: DeskDatabase
  let feed: ChangeFeed
  let server: DeskServer
  let writer: DeskClient
  let chief: DeskClient
  let token = ''
  let original: File
  let web: File
  let thumbnail: File
  let record: PictureRecord

  beforeAll(async () => {
    desk = await open()
    feed = await ChangeFeed.start({ db: desk.db })
    const parts = composeDesk(desk.db, systemClock, {
      secrets: SecretBox.fromKey(randomBytes(32)),
      log: () => {},
    })
    server = await startDeskServer({
      handlers: {
        ...parts.accountHandlers,
        ...parts.storyHandlers,
        ...parts.outboxHandlers,
        ...parts.mediaHandlers,
        ...createFeedHandlers({ db: desk.db, feed, serverVersion: 'media-test' }),
      },
      authenticate: parts.authenticate,
      ready: deskReadiness(desk.db, await loadMigrations()),
      log: () => {},
      clock: systemClock,
    })
    const accounts = new AccountService(desk.db, systemClock, {
      hasher: new ScryptPasswordHasher({ params: { N: 2 ** 10, r: 8, p: 1 } }),
    })
    const anonymous = createDeskClient({ baseUrl: server.url, fetch, token: () => null })
    const signIn = async (role: 'writer' | 'desk-chief', email: string) => {
      await accounts.createAccount(null, { email, name: email, role, password: PASSWORD })
      const signed = await anonymous.signIn({ email, password: PASSWORD, deviceName: email })
      return signed.token
    }
    token = await signIn('writer', 'writer@media.example')
    const chiefToken = await signIn('desk-chief', 'chief@media.example')
    writer = createDeskClient({ baseUrl: server.url, fetch, token: () => token })
    chief = createDeskClient({ baseUrl: server.url, fetch, token: () => chiefToken })
    original = await fixture('tagged.jpg', 'jpeg')
    web = await fixture('small.webp', 'webp')
    thumbnail = await fixture('small.png', 'png')
    record = {
      id: original.id,
      type: 'jpeg',
      width: 60,
      height: 40,
      bytes: original.data.length,
      importedAt: '2026-12-01T12:00:00.000Z',
      metadata: { caption: 'Fire', credit: 'Agency', creator: '', copyright: '', altText: 'Smoke' },
      renditions: [
        { name: 'web', id: web.id, type: 'webp', width: 1, height: 1, bytes: web.data.length },
        {
          name: 'thumbnail',
          id: thumbnail.id,
          type: 'png',
          width: 1,
          height: 1,
          bytes: thumbnail.data.length,
        },
      ],
    }
  }, 60_000)
  afterAll(async () => {
    await server?.close()
    await feed?.stop()
  })

  it('says what it lacks, takes each file once, and the record only once its files are there', async () => {
    const all = [original.id, web.id, thumbnail.id]
    expect(await writer.missingMedia({ ids: all })).toEqual({ files: all, records: all })
    expect(await writer.putMediaFile({ id: original.id, data: original.base64 })).toEqual({
      id: original.id,
      created: true,
    })
    expect(await writer.putMediaFile({ id: original.id, data: original.base64 })).toEqual({
      id: original.id,
      created: false,
    })
    const early = await refusal(writer.putPictureRecord({ record }))
    expect(early.code).toBe('REFUSED')
    expect(early.details).toEqual({ reason: 'files-missing', missing: [web.id, thumbnail.id] })
    expect(early.message).toMatch(/does not have 2 files of picture/)
    await writer.putMediaFile({ id: web.id, data: web.base64 })
    await writer.putMediaFile({ id: thumbnail.id, data: thumbnail.base64 })
    expect(await writer.putPictureRecord({ record })).toEqual({ id: record.id, created: true })
    expect(await writer.putPictureRecord({ record })).toEqual({ id: record.id, created: false })
    expect(await writer.missingMedia({ ids: all })).toEqual({
      files: [],
      records: [web.id, thumbnail.id],
    })
    const [count] = await desk.db.query('select count(*)::int as n from media_files')
    expect(count).toEqual({ n: 3 })
  })

  it('gives any member the files byte for byte and the record', async () => {
    const file = await chief.getMediaFile({ id: original.id })
    expect(file.type).toBe('jpeg')
    expect(Buffer.from(file.data, 'base64').equals(original.data)).toBe(true)
    expect((await chief.getPictureRecord({ id: original.id })).record).toEqual(record)
    const absent = mediaIdOf('0'.repeat(64), 'png')
    const missing = await refusal(chief.getMediaFile({ id: absent }))
    expect(missing.code).toBe('NOT_FOUND')
    expect(missing.message).toBe(`The desk has no picture ${absent}.`)
    expect((await refusal(chief.getPictureRecord({ id: web.id }))).code).toBe('NOT_FOUND')
  })

  it('refuses bytes that are not the picture their id names, SVG and HTML, and stores nothing', async () => {
    const wrongHash = mediaIdOf('a'.repeat(64), 'webp')
    const hash = await refusal(writer.putMediaFile({ id: wrongHash, data: web.base64 }))
    expect(hash.details).toEqual({ reason: 'hash-mismatch' })
    expect(hash.message).toMatch(/is not that picture: its bytes hash to/)
    const renamed = mediaIdOf(createHash('sha256').update(web.data).digest('hex'), 'jpeg')
    expect((await refusal(writer.putMediaFile({ id: renamed, data: web.base64 }))).details).toEqual(
      { reason: 'type-mismatch' },
    )
    for (const text of [
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      '<!doctype html><img src=x onerror=alert(1)>',
    ]) {
      const data = Buffer.from(text)
      const id = mediaIdOf(createHash('sha256').update(data).digest('hex'), 'png')
      const refused = await refusal(writer.putMediaFile({ id, data: data.toString('base64') }))
      expect(refused.code).toBe('REFUSED')
      expect(refused.details).toEqual({ reason: 'not-a-picture' })
    }
    const truncated = original.data.subarray(0, original.data.length - 200)
    const cut = mediaIdOf(createHash('sha256').update(truncated).digest('hex'), 'jpeg')
    expect(
      (await refusal(writer.putMediaFile({ id: cut, data: truncated.toString('base64') }))).details,
    ).toMatchObject({ reason: expect.stringMatching(/truncated|malformed/) })
    const malformed = await refusal(writer.putMediaFile({ id: web.id, data: '@@not base64@@' }))
    expect(malformed.code).toBe('INVALID_INPUT')
    const badRecord = { ...record, bytes: record.bytes + 1 }
    expect((await refusal(writer.putPictureRecord({ record: badRecord }))).details).toEqual({
      reason: 'type-mismatch',
    })
    const [count] = await desk.db.query('select count(*)::int as n from media_files')
    expect(count).toEqual({ n: 3 })
  })

  it('with --media-dir keeps the bytes in a file beside the database, written before its row', async () => {
    const folder = await tempDir('copydesk-desk-media-')
    try {
      const store = new DeskMediaStore(desk.db, systemClock, {
        folder: new MediaFolder(folder.path),
      })
      const [account] = await desk.db.query('select id from accounts limit 1')
      const by = {
        accountId: String(account?.id),
        name: 'W',
        email: 'w@media.example',
        role: 'writer' as const,
        deviceId: 'x',
      }
      const gif = await fixture('small.gif', 'gif')
      expect(await store.putFile(gif.id, gif.base64, by)).toEqual({ id: gif.id, created: true })
      expect(await store.putFile(gif.id, gif.base64, by)).toEqual({ id: gif.id, created: false })
      expect((await readFile(join(folder.path, gif.id))).equals(gif.data)).toBe(true)
      const [row] = await desk.db.query(
        'select data is null as in_folder from media_files where id = $1',
        [gif.id],
      )
      expect(row).toEqual({ in_folder: true })
      expect(Buffer.from(await store.read(gif.id)).equals(gif.data)).toBe(true)
      expect((await store.getFile(gif.id)).data).toBe(gif.base64)
    } finally {
      await folder.cleanup()
    }
  })

  it('takes a picture larger than the API’s 8 MB body limit for stories, and gives it back whole', async () => {
    const data = await sharp({
      create: {
        width: 2000,
        height: 2000,
        channels: 3,
        background: { r: 0, g: 0, b: 0 },
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png({ compressionLevel: 0 })
      .toBuffer()
    expect(data.length).toBeGreaterThan(10_000_000)
    const id = mediaIdOf(createHash('sha256').update(data).digest('hex'), 'png')
    expect(await writer.putMediaFile({ id, data: data.toString('base64') })).toEqual({
      id,
      created: true,
    })
    expect(Buffer.from((await chief.getMediaFile({ id })).data, 'base64').equals(data)).toBe(true)
  }, 60_000)

  it('refuses a device without a token, with a clear error and no stack', async () => {
    const response = await rawRequest(server.url, `/v1/media/file?id=${original.id}`)
    expect(response.status).toBe(401)
    expect(response.body).toMatch(/getMediaFile needs a signed-in device/)
    expect(response.body).not.toMatch(/at .*\.ts:\d+/)
  })
})
