import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { HistoryRepository } from '../../src/main/store/HistoryRepository'
import type { LowdbArticleRepository } from '../../src/main/store/LowdbArticleRepository'
import { sameText } from '../../src/main/sync/sameText'
import type { SyncCursor } from '../../src/main/sync/SyncCursor'
import type { SyncEngine } from '../../src/main/sync/SyncEngine'
import type { SyncQueue } from '../../src/main/sync/SyncQueue'
import type { StoryView } from '../../src/shared/desk/calls/deskStoryCalls'
import type { DeskClient } from '../../src/shared/desk/createDeskClient'
import type { MediaStore } from '../../src/main/media/MediaStore'
import { DeskError } from '../../src/shared/desk/DeskError'
import { storyPictures } from '../../src/shared/export/storyPictures'
import { AppError } from '../../src/shared/ipc/AppError'
import { hashOfMediaId, type MediaId } from '../../src/shared/media/MediaId'
import { EditableFields, type Article } from '../../src/shared/domain/Article'

export type CheckSyncedFolderOptions = {
  dir: string
  ackFile: string
  local: LowdbArticleRepository
  history: HistoryRepository
  queue: SyncQueue
  cursor: SyncCursor
  engine: SyncEngine
  /** Reads the desk for the check (its own devices, so the workstation's rate is its own). */
  checker: DeskClient
  /** The longest the sync may take to settle. */
  settleMs: number
  /** The workstation's pictures: every one its stories use must read here and on the desk. */
  media?: MediaStore
}

const pause = (ms: number) => new Promise((wake) => setTimeout(wake, ms))

/**
 * For the sync crash loop: waits until the workstation's sync has settled (queue empty, cursor at
 * the feed's last seq), then checks that every change in the ack file is on the desk (or kept as a
 * conflict copy in the local history), that the local store and the desk agree on every story, that
 * every picture a story on the desk uses is on the desk and reads (and reads here), and that every
 * file in the data folder reads and nothing went to quarantine.
 */
export async function checkSyncedFolder(
  options: CheckSyncedFolderOptions,
): Promise<{ failures: string[]; summary: string }> {
  const { queue, cursor, checker, engine, local } = options
  const deadline = performance.now() + options.settleMs
  let last = -1
  for (;;) {
    // Online only once the engine's start has queued what the last run left unqueued
    // (LocalCopy.recover runs before either loop): an empty queue before that is not a settled one
    // (seed 1089760127, kill 2: a story made just before the kill was checked before it was queued).
    if (queue.length === 0 && engine.status().connection === 'online') {
      last =
        (await checker.listChanges({ since: cursor.seq, wait: 0 }).catch(() => null))?.last ?? -1
      if (last >= 0 && cursor.seq >= last) break
    }
    if (performance.now() > deadline) {
      const first = queue.next()
      const status = engine.status()
      return {
        failures: [
          `sync did not settle within ${options.settleMs} ms: ${queue.length} entries still queued${first ? ` (first: a ${first.kind} of story ${first.storyId}, ${first.sent ? 'sent' : 'not sent yet'})` : ''}, the cursor at seq ${cursor.seq} and the desk's feed at ${last < 0 ? 'unknown (the desk did not answer)' : last}; the engine says ${status.connection}${status.reason ? ` (${status.reason})` : ''}${status.refused ? `, refused: ${status.refused.reason}` : ''}`,
        ],
        summary: '',
      }
    }
    await pause(queue.length === 0 ? 50 : 20)
  }

  const failures: string[] = []
  const desk = new Map<string, StoryView>()
  for (let after: string | null | undefined; after !== null;) {
    const page = await checker.listStories({ after: after ?? undefined, limit: 500 })
    const views = await Promise.all(page.stories.map(({ id }) => checker.getStory({ id })))
    for (const view of views) desk.set(view.document.id, view)
    after = page.next
  }
  const localIds = new Set((await local.list()).map((summary) => summary.id))
  for (const id of localIds)
    if (!desk.has(id)) failures.push(`story ${id} is on the workstation but not on the desk`)
  for (const [id, view] of desk) {
    if (!localIds.has(id)) {
      failures.push(`story ${id} is on the desk but not on the workstation`)
      continue
    }
    const mine = await local.get(id)
    if (!sameText(mine, view.document))
      failures.push(
        `story ${id}: the workstation's text (local revision ${mine.revision}) differs from the desk's revision ${view.revision} in ${differing(mine, view.document)}`,
      )
    if (mine.status !== view.status)
      failures.push(
        `story ${id}: "${mine.status}" on the workstation, "${view.status}" on the desk`,
      )
    const track = queue.track(id)?.serverRevision ?? null
    if (track !== view.revision)
      failures.push(
        `story ${id}: the workstation stands on desk revision ${track}, the desk is at ${view.revision}`,
      )
  }

  const lines = readFileSync(options.ackFile, 'utf8').split('\n').filter(Boolean)
  const notes = new Map<string, string[]>()
  let kept = 0
  for (const line of lines) {
    const [kind, id, , marker] = line.split(' ')
    if (!id) continue
    const view = desk.get(id)
    if (kind === 'SAVE' && marker) {
      if (view && JSON.stringify(view.document).includes(marker)) continue
      if (await inConflictCopy(options.history, id, marker)) kept += 1
      else
        failures.push(`acknowledged save ${marker} of story ${id} is neither on the desk nor kept`)
    } else if (kind === 'NOTE') {
      const noteMarker = line.split(' ')[2] ?? ''
      notes.set(id, [...(notes.get(id) ?? []), noteMarker])
    } else if (kind === 'SUBMIT' && view?.status !== 'submitted')
      failures.push(`acknowledged submission of story ${id}: the desk has it "${view?.status}"`)
  }
  const noted = await Promise.all(
    [...notes.keys()].map(async (id) => [id, await checker.listNotes({ id })] as const),
  )
  for (const [id, { notes: listed }] of noted) {
    const onDesk = listed.map((note) => note.body).join('\n')
    for (const marker of notes.get(id) ?? [])
      if (!onDesk.includes(marker))
        failures.push(`acknowledged note ${marker} on story ${id} is not on the desk`)
  }

  const pictures = await checkPictures(desk, checker, options.media)
  failures.push(...pictures.failures)
  failures.push(...(await unreadableFiles(options.dir)))
  for (const problem of await local.problems())
    failures.push(`quarantined ${problem.file}: ${problem.reason}`)
  if (queue.damaged) failures.push(`the sync queue was quarantined: ${queue.damaged.reason}`)
  return {
    failures,
    summary: `${desk.size} stories agree, ${lines.length} acknowledged changes on the desk${kept > 0 ? ` (${kept} kept as conflict copies)` : ''}, ${pictures.files} picture files of ${pictures.pictures} pictures read on the desk and here, cursor at ${cursor.seq}`,
  }
}

/**
 * Every picture a story on the desk uses is on the desk, whole (its record, and every file it names
 * reading back with the hash its name says), and reads from the workstation's own media store.
 */
async function checkPictures(
  desk: ReadonlyMap<string, StoryView>,
  checker: DeskClient,
  media: MediaStore | undefined,
): Promise<{ failures: string[]; pictures: number; files: number }> {
  const failures: string[] = []
  const used = new Map<MediaId, string>()
  for (const [id, view] of desk)
    for (const { picture } of storyPictures(view.document)) used.set(picture.mediaId, id)
  let files = 0
  for (const [mediaId, storyId] of used) {
    const record = await patiently(() => checker.getPictureRecord({ id: mediaId })).catch(
      (error: unknown) => {
        failures.push(
          `picture ${mediaId} of story ${storyId} has no record on the desk: ${error instanceof Error ? error.message : String(error)}`,
        )
        return null
      },
    )
    if (record === null) continue
    for (const file of [mediaId, ...record.record.renditions.map((r) => r.id)]) {
      try {
        const got = await patiently(() => checker.getMediaFile({ id: file }))
        const sha256 = createHash('sha256').update(Buffer.from(got.data, 'base64')).digest('hex')
        if (sha256 !== hashOfMediaId(file))
          failures.push(`picture file ${file} of story ${storyId} reads back as sha256 ${sha256}`)
        files += 1
      } catch (error) {
        failures.push(
          `picture file ${file} of story ${storyId} is not on the desk: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
      if (media && !(await media.has(file)))
        failures.push(`picture file ${file} of story ${storyId} does not read on the workstation`)
    }
  }
  return { failures, pictures: used.size, files }
}

/** A desk call, again after the wait the desk asks for when the checker's device is rate-limited. */
async function patiently<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call()
    } catch (error) {
      if (!(error instanceof DeskError) || error.code !== 'RATE_LIMITED' || attempt >= 20)
        throw error
      await pause(1000)
    }
  }
}

/** Which editable fields differ, with both values of the first (shortened). */
function differing(mine: Article, theirs: Article): string {
  const fields = Object.keys(EditableFields.shape).filter(
    (key) =>
      JSON.stringify(mine[key as keyof Article]) !== JSON.stringify(theirs[key as keyof Article]),
  )
  const first = fields[0]
  if (!first) return 'no editable field (sameText and this check disagree)'
  const show = (article: Article) => JSON.stringify(article[first as keyof Article]).slice(-160)
  return `${fields.join(', ')} (${first}: here …${show(mine)}, on the desk …${show(theirs)})`
}

async function inConflictCopy(
  history: HistoryRepository,
  id: string,
  marker: string,
): Promise<boolean> {
  try {
    for (const meta of (await history.read(id)).revisions) {
      if (meta.reason !== 'conflict-copy') continue
      if (JSON.stringify(await history.readSnapshot(id, meta.seq)).includes(marker)) return true
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error
  }
  return false
}

/**
 * Every JSON file the workstation keeps must parse, and every line of a JSON-lines journal (a torn
 * last line of a killed append is cut off when the queue opens); temp files of a killed write are
 * not kept.
 */
async function unreadableFiles(dir: string): Promise<string[]> {
  const failures: string[] = []
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    const lines = entry.name.endsWith('.jsonl')
    if (!entry.isFile() || entry.name.startsWith('.')) continue
    if (!lines && !entry.name.endsWith('.json')) continue
    const path = join(entry.parentPath, entry.name)
    const where = relative(dir, path)
    if (where.startsWith('quarantine') && entry.name !== 'problems.json') {
      failures.push(`${where} was set aside in quarantine`)
      continue
    }
    try {
      const text = await readFile(path, 'utf8')
      if (!lines) JSON.parse(text)
      else if (text !== '' && !text.endsWith('\n')) throw new Error('the last line is torn')
      else for (const line of text.split('\n').slice(0, -1)) JSON.parse(line)
    } catch (error) {
      failures.push(
        `${where} does not read: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }
  return failures
}
