import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { draftStory } from '../../../tests/support/storyDesk'
import { startSyncDesk, type DeskAccount, type SyncDesk } from '../../../tests/support/syncDesk'
import {
  openSyncWorkstation,
  until,
  type SyncWorkstation,
} from '../../../tests/support/syncWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import type { Article } from '../../shared/domain/Article'
import { DEFAULT_DESK_SETTINGS } from '../../shared/domain/DeskSettings'
import type { LeadPicture } from '../../shared/domain/LeadPicture'
import { mediaIdOf } from '../../shared/media/MediaId'
import type { PictureRecord } from '../../shared/media/PictureRecord'
import { systemClock } from '../../shared/domain/Clock'
import { PictureImporter } from '../media/PictureImporter'
import { DeskPictures } from './DeskPictures'

const LONG = 90_000
const fixtures = join(import.meta.dirname, '../../../tests/fixtures/media')

function lead(record: PictureRecord): LeadPicture {
  return {
    mediaId: record.id,
    caption: record.metadata.caption,
    credit: record.metadata.credit || 'Staff',
    creator: '',
    copyright: '',
    altText: 'Firefighters at a burning warehouse',
  }
}

function filesOf(record: PictureRecord) {
  return [record.id, ...record.renditions.map((rendition) => rendition.id)]
}

describe('pictures travel with their stories through a real desk server (PGlite)', () => {
  let desk: SyncDesk
  let writer: DeskAccount
  let chief: DeskAccount
  const opened: SyncWorkstation[] = []
  const folders: (() => Promise<void>)[] = []

  beforeAll(async () => {
    desk = await startSyncDesk()
    writer = await desk.signIn('writer', 'Asha Writer')
    chief = await desk.signIn('desk-chief', 'Ben Chief')
  }, 120_000)
  afterEach(async () => {
    for (const ws of opened.splice(0)) await ws.close()
  })
  afterAll(async () => {
    for (const cleanup of folders) await cleanup()
    await desk?.close()
  })

  async function workstation(account: DeskAccount, dir?: string): Promise<SyncWorkstation> {
    let path = dir
    if (path === undefined) {
      const made = await tempDir('copydesk-pictures-ws-')
      folders.push(made.cleanup)
      path = made.path
    }
    const ws = await openSyncWorkstation(path, account.client)
    opened.push(ws)
    return ws
  }
  async function importPicture(ws: SyncWorkstation, name: string): Promise<PictureRecord> {
    const importer = new PictureImporter({
      media: ws.media,
      settings: () => DEFAULT_DESK_SETTINGS,
      clock: systemClock,
    })
    return importer.importFile(join(fixtures, name))
  }
  async function withLead(ws: SyncWorkstation, record: PictureRecord): Promise<Article> {
    return ws.repository.create(draftStory({ leadPicture: lead(record) }))
  }

  it(
    'sends a save’s pictures before it; another workstation gets them with the story, whole and offline',
    async () => {
      const a = await workstation(writer)
      const record = await importPicture(a, 'tagged.jpg')
      const story = await withLead(a, record)
      a.engine.start()
      await until(() => a.queue.length === 0)
      expect(await writer.client.missingMedia({ ids: filesOf(record) })).toEqual({
        files: [],
        records: record.renditions.map((rendition) => rendition.id),
      })

      const b = await workstation(chief)
      b.engine.start()
      await until(async () => (await b.local.list()).some((summary) => summary.id === story.id))
      await until(() => b.media.has(record.id))
      await until(async () => (await b.media.readRecord(record.id)) !== null)
      expect(await b.media.readRecord(record.id)).toEqual(record)
      expect(Buffer.from(await b.media.read(record.id))).toEqual(
        await readFile(join(fixtures, 'tagged.jpg')),
      )
      for (const rendition of record.renditions)
        expect(await b.media.read(rendition.id)).toEqual(await a.media.read(rendition.id))
      // Opened on a workstation that has not synced it yet: fetched from the desk on demand.
      const c = await workstation(chief)
      expect(await c.media.readRecord(record.id)).toBeNull()
      expect(await c.pictures?.fetchOne(record.id)).toBeNull()
      expect(await c.media.readRecord(record.id)).toEqual(record)
      // Offline afterwards: the desk gone, the picture is read from B's own folder.
      await desk.stop()
      try {
        expect((await b.media.readRecord(record.id))?.renditions).toHaveLength(2)
        expect(await b.media.has(record.renditions[0]?.id ?? record.id)).toBe(true)
      } finally {
        await desk.restart()
      }
    },
    LONG,
  )

  it(
    'a crash between the pictures and the save replays safely: the save goes, each file is stored once',
    async () => {
      const made = await tempDir('copydesk-pictures-crash-')
      folders.push(made.cleanup)
      const a = await workstation(writer, made.path)
      const record = await importPicture(a, 'caption-only.jpg')
      const story = await withLead(a, record)
      // The pictures reach the desk, then the workstation dies before the save is sent.
      await new DeskPictures({ client: writer.client, media: a.media }).upload(story)
      expect(a.queue.length).toBe(1)
      opened.splice(opened.indexOf(a), 1)
      await a.close()

      const again = await workstation(writer, made.path)
      expect(again.queue.length).toBe(1)
      again.engine.start()
      await until(() => again.queue.length === 0)
      const onDesk = await chief.client.getStory({ id: story.id })
      expect(onDesk.document.leadPicture?.mediaId).toBe(record.id)
      const sent = await writer.client.putMediaFile({
        id: record.id,
        data: Buffer.from(await again.media.read(record.id)).toString('base64'),
      })
      expect(sent.created).toBe(false)
      expect((await chief.client.getPictureRecord({ id: record.id })).record).toEqual(record)
    },
    LONG,
  )

  it(
    'a save naming a picture this workstation does not have still reaches the desk: the words go',
    async () => {
      const a = await workstation(writer)
      const ghost = mediaIdOf('c'.repeat(64), 'png')
      const story = await a.repository.create(
        draftStory({
          leadPicture: {
            mediaId: ghost,
            caption: 'Lost',
            credit: 'Nobody',
            creator: '',
            copyright: '',
            altText: 'Nothing',
          },
        }),
      )
      a.engine.start()
      await until(() => a.queue.length === 0)
      expect((await chief.client.getStory({ id: story.id })).document.leadPicture?.mediaId).toBe(
        ghost,
      )
      expect(await chief.client.missingMedia({ ids: [ghost] })).toEqual({
        files: [ghost],
        records: [ghost],
      })
    },
    LONG,
  )

  it(
    'a story whose picture the desk lacks arrives with the picture named as lacking, not a crash',
    async () => {
      const ghost = mediaIdOf('b'.repeat(64), 'jpeg')
      const story = draftStory({
        leadPicture: {
          mediaId: ghost,
          caption: 'Never sent',
          credit: 'Nobody',
          creator: '',
          copyright: '',
          altText: 'Nothing',
        },
      })
      await writer.client.saveStory({ document: story })
      const b = await workstation(chief)
      b.engine.start()
      await until(async () => (await b.local.list()).some((summary) => summary.id === story.id))
      // The desk also holds the stories of the tests before (one of them lacks its picture too).
      const lacking = () =>
        (b.pictures?.lackingPictures() ?? []).filter((entry) => entry.storyId === story.id)
      await until(() => lacking().length > 0)
      expect(lacking()).toEqual([
        {
          mediaId: ghost,
          storyId: story.id,
          reason: expect.stringMatching(
            /^the desk does not have it: the workstation that added it/,
          ),
        },
      ])
      expect(b.engine.status().connection).toBe('online')
      expect(await b.media.has(ghost)).toBe(false)
      expect(await b.pictures?.fetchOne(ghost)).toMatch(/^the desk does not have it/)
    },
    LONG,
  )
})
