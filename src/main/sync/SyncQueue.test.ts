import { randomUUID } from 'node:crypto'
import { appendFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
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
/** The queue as the files hold it: a fresh queue over the same folder reads them. */
const onDisk = async () => open()
const syncFile = (name: string) => join(dir.path, 'sync', name)

it('coalesces consecutive unsent saves of a story into the latest, but never into a sent entry', async () => {
  const queue = await open()
  const story = draftStory()
  const other = draftStory()
  await queue.enqueueSave(story, 1)
  await queue.enqueueSave(other, 1)
  await queue.enqueueSave({ ...story, revision: 2 }, 2)
  await queue.enqueueSave({ ...story, revision: 3 }, 3)
  expect(
    (await onDisk()).entries.map((e) => [
      e.storyId,
      e.kind === 'save' ? e.document.revision : null,
    ]),
  ).toEqual([
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

it('a save on a desk of thousands of stories appends its own line: the tracks of the others are not written again', async () => {
  const queue = await open()
  const ids = Array.from({ length: 3000 }, () => randomUUID())
  await Promise.all(ids.map((id, n) => queue.setTrack(id, { serverRevision: n + 1 })))
  const snapshotNow = () => readFile(syncFile('queue.json'), 'utf8').catch(() => 'no snapshot')
  const snapshot = await snapshotNow()
  const journal = (await readdir(join(dir.path, 'sync'))).filter((name) => name.endsWith('.jsonl'))
  expect(journal).toHaveLength(1)
  const before = (await stat(syncFile(journal[0] ?? ''))).size

  const story = draftStory()
  await queue.enqueueSave(story, 1)
  const line = JSON.stringify(queue.entries[0]).length
  expect(await snapshotNow()).toBe(snapshot)
  const grown = (await stat(syncFile(journal[0] ?? ''))).size - before
  expect(grown).toBeGreaterThan(line)
  expect(grown).toBeLessThan(line + 500)

  const reopened = await open()
  expect(reopened.track(ids[2999] ?? '')).toEqual({ serverRevision: 3000, localRevision: 0 })
  expect(reopened.entries.map((e) => e.storyId)).toEqual([story.id])
})

it('the journal is folded into a new snapshot as it grows; a restart reads the same queue, and the old journal is gone', async () => {
  const queue = await open()
  const story = draftStory()
  const big = edited(story, 'A long paragraph of the story. '.repeat(1000))
  for (let revision = 1; revision <= 40; revision += 1) {
    await queue.enqueueSave({ ...big, revision }, revision)
    const id = queue.next()?.id ?? ''
    await queue.freeze(id)
    await queue.complete(id, { id: story.id, track: { serverRevision: revision } })
  }
  await queue.enqueueNote(story.id, 'Last of all')
  const files = (await readdir(join(dir.path, 'sync'))).sort()
  const snapshot = JSON.parse(await readFile(syncFile('queue.json'), 'utf8')) as { journal: number }
  expect(snapshot.journal).toBeGreaterThan(0)
  expect(files).toEqual([`queue.${snapshot.journal}.jsonl`, 'queue.json'].sort())

  const reopened = await open()
  expect(reopened.track(story.id)).toEqual({ serverRevision: 40, localRevision: 40 })
  expect(reopened.entries).toEqual([expect.objectContaining({ kind: 'note', body: 'Last of all' })])
})

it('a torn last line (killed mid-append: never acknowledged) is cut off at open, and the queue goes on sound', async () => {
  const queue = await open()
  const story = draftStory()
  await queue.enqueueSave(story, 1)
  await queue.enqueueNote(story.id, 'Acknowledged')
  await appendFile(syncFile('queue.0.jsonl'), '{"put":[{"kind":"note","id":"')

  const reopened = await open()
  expect(reopened.damaged).toBeNull()
  expect(reopened.entries.map((e) => e.kind)).toEqual(['save', 'note'])
  await reopened.enqueueNote(story.id, 'After the restart')
  expect((await open()).entries.map((e) => (e.kind === 'note' ? e.body : e.kind))).toEqual([
    'save',
    'Acknowledged',
    'After the restart',
  ])
})

it('a damaged line inside the journal: the journal goes to quarantine, what came before it is kept, and the queue goes on', async () => {
  const queue = await open()
  const first = draftStory()
  const second = draftStory()
  await queue.enqueueSave(first, 1)
  await queue.enqueueSave(second, 1)
  const path = syncFile('queue.0.jsonl')
  const lines = (await readFile(path, 'utf8')).split('\n')
  await writeFile(path, [lines[0], '{"put": 42}', lines[1], ''].join('\n'))

  const quarantine = await Quarantine.open(dir.path, systemClock)
  const reopened = await SyncQueue.open(dir.path, quarantine, systemClock)
  expect(reopened.damaged).toMatchObject({ file: join('sync', 'queue.0.jsonl'), kind: 'set-aside' })
  expect(reopened.damaged?.reason).toMatch(/^line 2 of the sync queue's journal is damaged/)
  expect(reopened.entries.map((e) => e.storyId)).toEqual([first.id])
  expect(await readdir(join(dir.path, 'quarantine'))).toContain(reopened.damaged?.id)
  // Set aside once: the next start reads a sound queue.
  expect((await open()).damaged).toBeNull()
  expect((await open()).entries.map((e) => e.storyId)).toEqual([first.id])
})

it('a queue file from before the journal (entries and tracks only) opens as it was', async () => {
  const story = draftStory()
  const id = randomUUID()
  await mkdir(join(dir.path, 'sync'), { recursive: true })
  await writeFile(
    syncFile('queue.json'),
    JSON.stringify({
      entries: [
        {
          kind: 'note',
          id,
          storyId: story.id,
          queuedAt: new Date(0).toISOString(),
          body: 'Old',
          sent: null,
        },
      ],
      stories: { [story.id]: { serverRevision: 3, localRevision: 4 } },
    }),
  )
  const queue = await open()
  expect(queue.damaged).toBeNull()
  expect(queue.entries.map((e) => e.id)).toEqual([id])
  expect(queue.track(story.id)).toEqual({ serverRevision: 3, localRevision: 4 })
  // A journal of another generation is a leftover of a compaction a crash cut short.
  await writeFile(syncFile('queue.7.jsonl'), '{"stories": {}}\n')
  await queue.complete(id)
  expect((await open()).entries).toEqual([])
  expect(await readdir(join(dir.path, 'sync'))).not.toContain('queue.7.jsonl')
})
