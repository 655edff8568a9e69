import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import {
  AddNoteInput,
  SaveStoryInput,
  TransitionStoryInput,
} from '../../shared/desk/calls/deskStoryCalls'
import { Article } from '../../shared/domain/Article'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { StoreProblem } from '../../shared/domain/StoreProblem'
import { WorkflowAction } from '../../shared/domain/workflow'
import { log } from '../log/log'
import { AppendLog } from '../store/AppendLog'
import { isErrnoCode } from '../store/isErrnoCode'
import { JsonDocument } from '../store/JsonDocument'
import { OWNER_ONLY_DIR } from '../store/ownerOnly'
import type { Quarantine } from '../store/Quarantine'

const Queued = { id: z.uuid(), storyId: z.uuid(), queuedAt: z.iso.datetime() }

/**
 * One local change waiting for the desk. `sent` is the exact payload of the first attempt, written
 * before that attempt: a replay after a lost answer sends it again byte for byte under the same id,
 * so the desk applies it once.
 */
export const QueueEntry = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('save'),
    ...Queued,
    document: Article,
    /** The local revision whose text this is. */
    localRevision: z.number().int().min(1),
    sent: SaveStoryInput.nullable(),
  }),
  z.object({ kind: z.literal('note'), ...Queued, body: z.string(), sent: AddNoteInput.nullable() }),
  z.object({
    kind: z.literal('transition'),
    ...Queued,
    action: WorkflowAction,
    note: z.string(),
    sent: TransitionStoryInput.nullable(),
  }),
])
export type QueueEntry = z.infer<typeof QueueEntry>
export type SaveEntry = Extract<QueueEntry, { kind: 'save' }>

/**
 * Per story: the desk's revision the local copy stands on (null: the desk has not seen it) and the
 * newest local revision already covered by the queue or the desk. A local revision above it was
 * saved but never queued (a crash between the two writes): the engine queues it at start.
 */
export const StoryTrack = z.object({
  serverRevision: z.number().int().min(1).nullable(),
  localRevision: z.number().int().min(0),
  /**
   * The desk moved the story on (a status, another's save) while it had local changes queued, so
   * its version was not taken then: it is taken once they have reached the desk, after a restart too.
   */
  behind: z.boolean().optional(),
})
export type StoryTrack = z.infer<typeof StoryTrack>

const QueueFile = z.object({
  entries: z.array(QueueEntry),
  stories: z.record(z.string(), StoryTrack),
  /** The generation of the journal that continues this snapshot (absent in a queue.json before it). */
  journal: z.number().int().min(0).optional(),
})
type QueueFile = z.infer<typeof QueueFile>

/**
 * One change to the queue, a line of its journal: the entries put (replacing the one of the same id
 * in place, else appended) and removed, or the whole list when its order changed; the tracks set.
 */
const JournalLine = z.object({
  entries: z.array(QueueEntry).optional(),
  put: z.array(QueueEntry).optional(),
  del: z.array(z.string()).optional(),
  stories: z.record(z.string(), StoryTrack).optional(),
})
type JournalLine = z.infer<typeof JournalLine>

/** A journal this much larger than the snapshot it continues is folded into a new snapshot. */
const COMPACT_AT_BYTES = 512 * 1024

export type SyncQueueOptions = {
  /** How much larger than the snapshot the journal may grow (tests fold it often, to crash in it). */
  compactAtBytes?: number
}

/**
 * The durable, ordered queue of local changes for the desk, with what the workstation knows of each
 * story's place on the desk. Kept as a snapshot (sync/queue.json) and a journal of the changes made
 * since (sync/queue.<generation>.jsonl): a save appends its own line rather than rewriting the
 * tracks of every story on a 10,000-story desk. Every change is on disk (fsync) before its promise
 * resolves; a damaged file is set aside in quarantine and reported, with what could be read of it kept.
 */
export class SyncQueue {
  private waiting: QueueChange[] = []
  private writing = false
  private full = false
  private diskListeners: ((full: boolean) => void)[] = []

  private constructor(
    private readonly dir: string,
    /** The size of the snapshot the journal continues, as last read or written. */
    private snapshotBytes: number,
    private readonly snapshot: JsonDocument<QueueFile>,
    private journal: AppendLog,
    private generation: number,
    private list: readonly QueueEntry[],
    private readonly stories: Map<string, StoryTrack>,
    private readonly clock: Clock,
    private readonly compactAtBytes: number,
    /** The queue found damaged at open, set aside in quarantine; null when it was sound. */
    readonly damaged: StoreProblem | null,
  ) {}

  static async open(
    dataDir: string,
    quarantine: Quarantine,
    clock: Clock,
    options: SyncQueueOptions = {},
  ): Promise<SyncQueue> {
    const dir = join(dataDir, 'sync')
    await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR })
    let damaged: StoreProblem | null = null
    const snapshot = await JsonDocument.open<QueueFile>({
      path: join(dir, 'queue.json'),
      what: 'sync queue',
      parse: (data) => QueueFile.parse(data),
      defaults: () => ({ entries: [], stories: {} }),
      quarantine,
      afterDamage: (problem) => {
        damaged = problem
        return { entries: [], stories: {} }
      },
    })
    const { entries, stories: tracks, journal: generation = 0 } = snapshot.data
    // The document is kept here as a list and a map; its copy is not held twice.
    snapshot.data = { entries: [], stories: {} }
    const state = { list: entries, stories: new Map(Object.entries(tracks)) }
    const { log: journal, contents } = await AppendLog.open(journalPath(dir, generation), (line) =>
      JournalLine.parse(line),
    )
    for (const line of contents.lines) replay(state, line)
    await removeOtherJournals(dir, generation)
    if (contents.damaged) {
      const { line, reason } = contents.damaged
      await journal.close()
      const problem = await quarantine.add(
        journal.path,
        `line ${line} of the sync queue's journal is damaged (${reason}); the ${line - 1} lines before it were kept`,
      )
      damaged ??= problem
    }
    const size = (await stat(snapshot.path).catch(() => null))?.size ?? 0
    const queue = new SyncQueue(
      dir,
      size,
      snapshot,
      journal,
      generation,
      state.list,
      state.stories,
      clock,
      options.compactAtBytes ?? COMPACT_AT_BYTES,
      damaged,
    )
    // What was read before the damage goes into a new snapshot at once.
    if (contents.damaged) await queue.compact({ entries: state.list, tracks: new Map() })
    return queue
  }

  /** Whether the last write failed because the disk is full (ENOSPC, or a quota: EDQUOT). */
  get diskFull(): boolean {
    return this.full
  }

  /** Told when the disk fills up under the queue, and when a write lands again. */
  onDiskFull(listener: (full: boolean) => void): void {
    this.diskListeners.push(listener)
  }

  get entries(): readonly QueueEntry[] {
    return this.list
  }

  get length(): number {
    return this.list.length
  }

  next(): QueueEntry | undefined {
    return this.list[0]
  }

  track(storyId: string): StoryTrack | undefined {
    return this.stories.get(storyId)
  }

  /** Stories the desk moved on while they had local changes queued, and that now have none. */
  behindStories(): string[] {
    return [...this.stories]
      .filter(([id, track]) => track.behind === true && !this.pendingFor(id))
      .map(([id]) => id)
  }

  /** Whether the story has local changes the desk has not accepted yet. */
  pendingFor(storyId: string): boolean {
    return this.list.some((entry) => entry.storyId === storyId)
  }

  /** Lets go of the journal's file (it opens again if anything is written after). */
  close(): Promise<void> {
    return this.journal.close()
  }

  /**
   * Queues a save of `document` (local revision `localRevision`). While the story's newest entry is
   * an unsent save, the new text replaces it in place: an editor autosaving offline keeps the queue
   * short. A sent entry is never touched (it must be replayed exactly), so the text then queues anew.
   * An older local revision than the queue has seen is left out: older text never replaces newer.
   */
  enqueueSave(document: Article, localRevision: number): Promise<void> {
    return this.enqueueSaves([{ document, localRevision }])
  }

  /** Several saves in one write (the stories a start finds unqueued). */
  enqueueSaves(saves: readonly { document: Article; localRevision: number }[]): Promise<void> {
    return this.change((draft) => {
      for (const { document, localRevision } of saves)
        addSave(draft, document, localRevision, isoNow(this.clock))
    })
  }

  /** Queues a note; `id` is the note's own (kept as its id on the desk). */
  enqueueNote(storyId: string, body: string, id: string = randomUUID()): Promise<void> {
    return this.change((draft) => {
      draft.entries.push({
        kind: 'note',
        id,
        storyId,
        queuedAt: isoNow(this.clock),
        body,
        sent: null,
      })
    })
  }

  enqueueTransition(storyId: string, action: WorkflowAction, note: string): Promise<void> {
    return this.change((draft) => {
      draft.entries.push({
        kind: 'transition',
        id: randomUUID(),
        storyId,
        queuedAt: isoNow(this.clock),
        action,
        note,
        sent: null,
      })
    })
  }

  /**
   * Fixes the exact payload of an entry's first attempt and writes it, before it is sent: the
   * entry's text as it is at this moment, and the desk revision the story stands on. Decided inside
   * the queue's turn, so a save coalesced a moment earlier is in the payload and one a moment later
   * queues anew. Returns the entry as written (`sent` stays null for a transition on a story the
   * desk has not seen); undefined when it is gone.
   */
  freeze(id: string): Promise<QueueEntry | undefined> {
    return this.change((draft) => {
      const at = draft.entries.findIndex((e) => e.id === id)
      const entry = draft.entries[at]
      if (!entry || entry.sent !== null) return entry
      const base = draft.track(entry.storyId)?.serverRevision ?? null
      let frozen: QueueEntry = entry
      if (entry.kind === 'save')
        frozen = {
          ...entry,
          sent: { document: entry.document, baseRevision: base, saveId: entry.id },
        }
      else if (entry.kind === 'note')
        frozen = { ...entry, sent: { id: entry.storyId, body: entry.body, noteId: entry.id } }
      else if (base !== null)
        frozen = {
          ...entry,
          sent: {
            id: entry.storyId,
            action: entry.action,
            revision: base,
            note: entry.note,
            transitionId: entry.id,
          },
        }
      draft.entries[at] = frozen
      return frozen
    })
  }

  /**
   * Removes an entry the desk answered (accepted, or refused for good) and records where the story
   * now stands, in one write.
   */
  complete(id: string, story?: { id: string; track: Partial<StoryTrack> }): Promise<void> {
    return this.change((draft) => {
      draft.entries = draft.entries.filter((entry) => entry.id !== id)
      if (story) setTrack(draft, story.id, story.track)
    })
  }

  /** Drops the story's queued saves (their text is kept elsewhere) and records where it stands. */
  dropSaves(storyId: string, track: Partial<StoryTrack>): Promise<void> {
    return this.change((draft) => {
      draft.entries = draft.entries.filter(
        (entry) => entry.storyId !== storyId || entry.kind !== 'save',
      )
      setTrack(draft, storyId, track)
    })
  }

  setTrack(storyId: string, track: Partial<StoryTrack>): Promise<void> {
    return this.change((draft) => setTrack(draft, storyId, track))
  }

  private setFull(full: boolean): void {
    if (this.full === full) return
    this.full = full
    for (const listener of this.diskListeners) listener(full)
  }

  /**
   * A queued transition the desk refused as stale, sent again on the desk's current revision: a new
   * id (the desk keeps the first one's refusal under the old), in the same place in the queue.
   */
  retryTransition(id: string, revision: number): Promise<void> {
    return this.change((draft) => {
      const at = draft.entries.findIndex((e) => e.id === id)
      const entry = draft.entries[at]
      if (entry?.kind !== 'transition' || entry.sent === null) return
      const fresh = randomUUID()
      draft.entries[at] = {
        ...entry,
        id: fresh,
        sent: { ...entry.sent, revision, transitionId: fresh },
      }
    })
  }

  /** Removes the story's queued transitions (a conflict made them moot); returns them. */
  dropTransitions(storyId: string): Promise<QueueEntry[]> {
    return this.change((draft) => {
      const dropped = draft.entries.filter(
        (entry) => entry.storyId === storyId && entry.kind === 'transition',
      )
      draft.entries = draft.entries.filter((entry) => !dropped.includes(entry))
      return dropped
    })
  }

  /**
   * Changes are made on a draft (entries are replaced, never changed in place; tracks set on top of
   * the current ones), and become the queue only once on disk. Changes that arrive while a write is
   * on its way go to disk together in the next one (a group commit): the first sync's stories and an
   * editor's saves do not wait for one fsync each.
   */
  private change<T>(edit: (draft: QueueDraft) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ edit, resolve: (result) => resolve(result as T), reject })
      if (this.writing) return
      this.writing = true
      void this.writeWaiting()
    })
  }

  /**
   * Never rejects: each change's caller gets its own outcome. The flag is cleared in the same turn
   * as the last look at `waiting`, so a change queued after it starts a new writer.
   */
  private async writeWaiting(): Promise<void> {
    try {
      while (this.waiting.length > 0) await this.writeBatch()
    } finally {
      this.writing = false
    }
  }

  private async writeBatch(): Promise<void> {
    const batch = this.waiting.splice(0)
    let draft = this.draft()
    let applied: { change: QueueChange; result: unknown }[] = []
    for (const change of batch) {
      try {
        applied.push({ change, result: change.edit(draft) })
      } catch (error) {
        change.reject(error)
        // It may have half-changed the draft before it threw: start again without it.
        const fresh = this.draft()
        draft = fresh
        applied = applied.map((done) => ({ change: done.change, result: done.change.edit(fresh) }))
      }
    }
    if (applied.length === 0) return
    try {
      await this.write(draft)
    } catch (error) {
      if (isErrnoCode(error, 'ENOSPC') || isErrnoCode(error, 'EDQUOT')) this.setFull(true)
      for (const done of applied) done.change.reject(error)
      return
    }
    this.list = draft.entries
    for (const [id, track] of draft.tracks) this.stories.set(id, track)
    this.setFull(false)
    for (const done of applied) done.change.resolve(done.result)
  }

  private draft(): QueueDraft {
    const tracks = new Map<string, StoryTrack>()
    const stories = this.stories
    return {
      entries: [...this.list],
      tracks,
      track: (id) => tracks.get(id) ?? stories.get(id),
    }
  }

  /** Appends the draft's change to the journal, or folds everything into a new snapshot. */
  private async write(draft: QueueDraft): Promise<void> {
    const line = journalLine(this.list, draft)
    if (line === null) return
    const text = JSON.stringify(line)
    const room = this.compactAtBytes + this.snapshotBytes - this.journal.size
    if (!this.journal.broken && text.length < room) return this.journal.append([text])
    await this.compact(draft)
  }

  /**
   * Writes the whole queue, the draft's change included, as a new snapshot that names a new journal
   * generation, then deletes the old journal. A crash before the snapshot's rename leaves the old
   * snapshot and journal whole; after it, the old journal is a leftover removed at the next open.
   */
  private async compact(draft: Pick<QueueDraft, 'entries' | 'tracks'>): Promise<void> {
    const stories: Record<string, StoryTrack> = Object.fromEntries(this.stories)
    for (const [id, track] of draft.tracks) stories[id] = track
    const generation = this.generation + 1
    const path = journalPath(this.dir, generation)
    // A leftover of that generation would continue the new snapshot with lines not its own.
    await rm(path, { force: true })
    const next: QueueFile = { entries: draft.entries, stories, journal: generation }
    await this.snapshot.save(next)
    this.snapshot.data = { entries: [], stories: {} }
    this.snapshotBytes = JSON.stringify(next).length
    const old = this.journal
    this.journal = AppendLog.empty(path)
    this.generation = generation
    await old.remove().catch((error: unknown) => {
      log.warn('sync', 'Could not remove a sync journal folded into the snapshot', error)
    })
  }
}

/** What a change works on: the entries as a new list, tracks set on top of the queue's. */
type QueueDraft = {
  entries: QueueEntry[]
  readonly tracks: Map<string, StoryTrack>
  track: (storyId: string) => StoryTrack | undefined
}

type QueueChange = {
  edit: (draft: QueueDraft) => unknown
  resolve: (result: unknown) => void
  reject: (error: unknown) => void
}

function journalPath(dir: string, generation: number): string {
  return join(dir, `queue.${generation}.jsonl`)
}

/** Journals of other generations are leftovers of a compaction a crash interrupted. */
async function removeOtherJournals(dir: string, generation: number): Promise<void> {
  for (const name of await readdir(dir)) {
    const match = /^queue\.(\d+)\.jsonl$/.exec(name)
    if (match && Number(match[1]) !== generation) await rm(join(dir, name), { force: true })
  }
}

/**
 * The line that turns `before` into the draft: entries kept in order with new ones after them are
 * written as puts and deletions; any other reordering writes the whole list. Null when nothing changed.
 */
function journalLine(before: readonly QueueEntry[], draft: QueueDraft): JournalLine | null {
  const line: JournalLine = {}
  if (draft.tracks.size > 0) line.stories = Object.fromEntries(draft.tracks)
  const now = new Set(draft.entries.map((entry) => entry.id))
  const kept = before.filter((entry) => now.has(entry.id))
  const del = before.filter((entry) => !now.has(entry.id)).map((entry) => entry.id)
  const was = new Set(before.map((entry) => entry.id))
  const put: QueueEntry[] = []
  let inOrder = true
  draft.entries.forEach((entry, at) => {
    const old = kept[at]
    if (old?.id === entry.id) {
      if (old !== entry) put.push(entry)
    } else if (at < kept.length || was.has(entry.id)) inOrder = false
    else put.push(entry)
  })
  if (!inOrder) line.entries = draft.entries
  else {
    if (put.length > 0) line.put = put
    if (del.length > 0) line.del = del
  }
  return Object.keys(line).length > 0 ? line : null
}

function replay(
  state: { list: QueueEntry[]; stories: Map<string, StoryTrack> },
  line: JournalLine,
): void {
  if (line.entries) state.list = line.entries
  if (line.del) {
    const gone = new Set(line.del)
    state.list = state.list.filter((entry) => !gone.has(entry.id))
  }
  for (const entry of line.put ?? []) {
    const at = state.list.findIndex((old) => old.id === entry.id)
    if (at >= 0) state.list[at] = entry
    else state.list.push(entry)
  }
  for (const [id, track] of Object.entries(line.stories ?? {})) state.stories.set(id, track)
}

function setTrack(draft: QueueDraft, storyId: string, track: Partial<StoryTrack>): void {
  const current = draft.track(storyId) ?? { serverRevision: null, localRevision: 0 }
  const behind = track.behind ?? current.behind
  draft.tracks.set(storyId, {
    serverRevision: track.serverRevision ?? current.serverRevision,
    localRevision: Math.max(current.localRevision, track.localRevision ?? 0),
    ...(behind === true ? { behind } : {}),
  })
}

function addSave(draft: QueueDraft, document: Article, localRevision: number, at: string): void {
  const storyId = document.id
  const track = draft.track(storyId) ?? { serverRevision: null, localRevision: 0 }
  // The same revision again is a retry of a save whose local write failed after it was queued.
  if (localRevision < track.localRevision) return
  const last = draft.entries.findLastIndex((entry) => entry.storyId === storyId)
  const entry = draft.entries[last]
  if (entry?.kind === 'save' && entry.sent === null)
    draft.entries[last] = { ...entry, document, localRevision }
  else
    draft.entries.push({
      kind: 'save',
      id: randomUUID(),
      storyId,
      queuedAt: at,
      document,
      localRevision,
      sent: null,
    })
  draft.tracks.set(storyId, { ...track, localRevision })
}
