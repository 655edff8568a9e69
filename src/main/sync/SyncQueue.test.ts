import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { draftStory, edited } from '../../../tests/support/storyDesk'
import { tempDir } from '../../../tests/support/tempDir'
import { systemClock } from '../../shared/domain/Clock'
import { KeyedQueue } from '../store/KeyedQueue'
import { LowdbArticleRepository } from '../store/LowdbArticleRepository'
import { Quarantine } from '../store/Quarantine'
import { SyncedArticleRepository } from './SyncedArticleRepository'
import { SyncQueue } from './SyncQueue'

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  dir = await tempDir('copydesk-sync-queue-')
})
afterEach(() => dir.cleanup())

const open = async () =>
  SyncQueue.open(dir.path, await Quarantine.open(dir.path, systemClock), systemClock)
const onDisk = async () =>
  JSON.parse(await readFile(join(dir.path, 'sync', 'queue.json'), 'utf8')) as {
    entries: { kind: string; storyId: string; document?: { revision: number }; sent: unknown }[]
  }

it('coalesces consecutive unsent saves of a story into the latest, but never into a sent entry', async () => {
  const queue = await open()
  const story = draftStory()
  const other = draftStory()
  await queue.enqueueSave(story, 1)
  await queue.enqueueSave(other, 1)
  await queue.enqueueSave({ ...story, revision: 2 }, 2)
  await queue.enqueueSave({ ...story, revision: 3 }, 3)
  expect((await onDisk()).entries.map((e) => [e.storyId, e.document?.revision])).toEqual([
    [story.id, 3],
    [other.id, 1],
  ])

  const first = await queue.freeze(queue.next()?.id ?? '')
  if (first?.kind !== 'save') throw new Error('a save comes first')
  await queue.enqueueSave({ ...story, revision: 4 }, 4)
  await queue.enqueueSave({ ...story, revision: 5 }, 5)
  // A note after a save: the next save is a change after the note, not folded in before it.
  await queue.enqueueNote(other.id, 'Check the spelling')
  await queue.enqueueSave({ ...other, revision: 2 }, 2)

  const reopened = await open()
  expect(
    reopened.entries.map((e) => [e.kind, e.storyId, e.kind === 'save' ? e.localRevision : null]),
  ).toEqual([
    ['save', story.id, 3],
    ['save', other.id, 1],
    ['save', story.id, 5],
    ['note', other.id, null],
    ['save', other.id, 2],
  ])
  expect(reopened.entries[0]?.sent).toMatchObject({ saveId: first.id, baseRevision: null })
  expect(reopened.track(story.id)).toEqual({ serverRevision: null, localRevision: 5 })
  // A revision the queue already covers (read before a newer save was queued) never replaces it.
  await reopened.enqueueSave({ ...story, revision: 4 }, 4)
  expect(reopened.entries[2]).toMatchObject({ localRevision: 5, document: { revision: 5 } })
  expect(reopened.length).toBe(5)
  // The same local revision again (a retry after the local write failed) takes the newer text.
  await reopened.enqueueSave({ ...other, revision: 2, headline: 'Retried' }, 2)
  expect(reopened.entries[4]).toMatchObject({ localRevision: 2, document: { headline: 'Retried' } })
})

it('a save made while its entry is being frozen for sending is never lost: it is in the payload or queues anew', async () => {
  const queue = await open()
  const story = draftStory()
  await queue.enqueueSave(story, 1)
  const id = queue.next()?.id ?? ''
  // The engine picks the entry, the editor saves again before the payload is fixed on disk.
  const saving = queue.enqueueSave({ ...story, headline: 'Saved meanwhile', revision: 2 }, 2)
  const frozen = await queue.freeze(id)
  await saving
  expect(frozen?.sent).toMatchObject({ document: { headline: 'Saved meanwhile' }, saveId: id })
  expect(frozen).toMatchObject({ localRevision: 2 })

  // And the other way round: fixed first, so the next save is an entry of its own.
  const freezing = queue.freeze(id)
  const after = queue.enqueueSave({ ...story, headline: 'Saved after', revision: 3 }, 3)
  await Promise.all([freezing, after])
  const entries = (await open()).entries
  expect(entries.map((e) => (e.kind === 'save' ? e.document.headline : null))).toEqual([
    'Saved meanwhile',
    'Saved after',
  ])
  for (const entry of entries)
    if (entry.kind === 'save' && entry.sent) expect(entry.sent.document).toEqual(entry.document)
})

it('a damaged queue file is moved to quarantine and reported, never read as empty in silence', async () => {
  await (await open()).enqueueSave(draftStory(), 1)
  await writeFile(join(dir.path, 'sync', 'queue.json'), 'not json')
  const quarantine = await Quarantine.open(dir.path, systemClock)
  const queue = await SyncQueue.open(dir.path, quarantine, systemClock)
  expect(queue.damaged).toMatchObject({ file: join('sync', 'queue.json'), kind: 'set-aside' })
  expect(quarantine.list()).toEqual([queue.damaged])
  const kept = await readdir(join(dir.path, 'quarantine'))
  expect(kept).toContain(queue.damaged?.id)
  expect(await readFile(join(dir.path, 'quarantine', queue.damaged?.id ?? ''), 'utf8')).toBe(
    'not json',
  )
})

it('a save through SyncedArticleRepository is in the local store and in the queue file when it resolves', async () => {
  const local = await LowdbArticleRepository.open(dir.path, { purpose: 'test' })
  const queue = await SyncQueue.open(dir.path, local.quarantine, systemClock)
  let woken = 0
  const synced = new SyncedArticleRepository(local, queue, new KeyedQueue(), () => {
    woken += 1
  })
  const created = await synced.create(draftStory())
  const saved = await synced.update(created.id, created.revision, (current) => ({
    ...edited(current, 'Second take.'),
    revision: current.revision + 1,
  }))
  expect((await onDisk()).entries).toEqual([
    expect.objectContaining({
      kind: 'save',
      storyId: created.id,
      document: expect.objectContaining({ revision: saved.revision, body: saved.body }),
      sent: null,
    }),
  ])
  expect((await local.get(created.id)).revision).toBe(2)
  expect(woken).toBe(2)
  await local.close()
})

it('changes made at once all reach the file, in the order they were made (written together)', async () => {
  const queue = await open()
  const stories = Array.from({ length: 40 }, () => draftStory())
  await Promise.all(stories.map((story) => queue.enqueueSave(story, 1)))
  // A change queued the moment the last write resolves starts a new write (it once waited forever).
  await queue.enqueueNote(stories[0]?.id ?? '', 'After the burst')
  const reopened = await open()
  expect(reopened.entries.map((entry) => entry.storyId)).toEqual([
    ...stories.map((story) => story.id),
    stories[0]?.id,
  ])
  expect(reopened.track(stories[39]?.id ?? '')).toEqual({ serverRevision: null, localRevision: 1 })
})
