import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
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
})
export type StoryTrack = z.infer<typeof StoryTrack>

const QueueFile = z.object({
  entries: z.array(QueueEntry),
  stories: z.record(z.string(), StoryTrack),
})
type QueueFile = z.infer<typeof QueueFile>

/**
 * The durable, ordered queue of local changes for the desk (sync/queue.json), with what the
 * workstation knows of each story's place on the desk. Every change is on disk (fsync of file and
 * folder) before its promise resolves; a damaged file is set aside in quarantine and reported.
 */
export class SyncQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private full = false
  private diskListeners: ((full: boolean) => void)[] = []

  private constructor(
    private readonly doc: JsonDocument<QueueFile>,
    private readonly clock: Clock,
    /** The queue file found damaged at open, set aside in quarantine; null when it was sound. */
    readonly damaged: StoreProblem | null,
  ) {}

  static async open(dataDir: string, quarantine: Quarantine, clock: Clock): Promise<SyncQueue> {
    const dir = join(dataDir, 'sync')
    await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR })
    let damaged: StoreProblem | null = null
    const doc = await JsonDocument.open<QueueFile>({
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
    return new SyncQueue(doc, clock, damaged)
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
    return this.doc.data.entries
  }

  get length(): number {
    return this.doc.data.entries.length
  }

  next(): QueueEntry | undefined {
    return this.doc.data.entries[0]
  }

  track(storyId: string): StoryTrack | undefined {
    return this.doc.data.stories[storyId]
  }

  /** Whether the story has local changes the desk has not accepted yet. */
  pendingFor(storyId: string): boolean {
    return this.doc.data.entries.some((entry) => entry.storyId === storyId)
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
    return this.change((file) => {
      for (const { document, localRevision } of saves)
        addSave(file, document, localRevision, isoNow(this.clock))
    })
  }

  /** Queues a note; `id` is the note's own (kept as its id on the desk). */
  enqueueNote(storyId: string, body: string, id: string = randomUUID()): Promise<void> {
    return this.change((file) => {
      file.entries.push({
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
    return this.change((file) => {
      file.entries.push({
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
    return this.change((file) => {
      const entry = file.entries.find((e) => e.id === id)
      if (!entry || entry.sent !== null) return entry
      const base = file.stories[entry.storyId]?.serverRevision ?? null
      if (entry.kind === 'save')
        entry.sent = { document: entry.document, baseRevision: base, saveId: entry.id }
      else if (entry.kind === 'note')
        entry.sent = { id: entry.storyId, body: entry.body, noteId: entry.id }
      else if (base !== null)
        entry.sent = {
          id: entry.storyId,
          action: entry.action,
          revision: base,
          note: entry.note,
          transitionId: entry.id,
        }
      return entry
    })
  }

  /**
   * Removes an entry the desk answered (accepted, or refused for good) and records where the story
   * now stands, in one write.
   */
  complete(id: string, story?: { id: string; track: Partial<StoryTrack> }): Promise<void> {
    return this.change((file) => {
      file.entries = file.entries.filter((entry) => entry.id !== id)
      if (story) setTrack(file, story.id, story.track)
    })
  }

  /** Drops the story's queued saves (their text is kept elsewhere) and records where it stands. */
  dropSaves(storyId: string, track: Partial<StoryTrack>): Promise<void> {
    return this.change((file) => {
      file.entries = file.entries.filter(
        (entry) => entry.storyId !== storyId || entry.kind !== 'save',
      )
      setTrack(file, storyId, track)
    })
  }

  setTrack(storyId: string, track: Partial<StoryTrack>): Promise<void> {
    return this.change((file) => setTrack(file, storyId, track))
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
    return this.change((file) => {
      const entry = file.entries.find((e) => e.id === id)
      if (entry?.kind !== 'transition' || entry.sent === null) return
      const fresh = randomUUID()
      entry.id = fresh
      entry.sent = { ...entry.sent, revision, transitionId: fresh }
    })
  }

  /** Removes the story's queued transitions (a conflict made them moot); returns them. */
  dropTransitions(storyId: string): Promise<QueueEntry[]> {
    return this.change((file) => {
      const dropped = file.entries.filter(
        (entry) => entry.storyId === storyId && entry.kind === 'transition',
      )
      file.entries = file.entries.filter((entry) => !dropped.includes(entry))
      return dropped
    })
  }

  /** One change at a time, applied to a copy: the document is replaced only once it is on disk. */
  private change<T>(edit: (file: QueueFile) => T): Promise<T> {
    const run = this.tail.then(async () => {
      const next = structuredClone(this.doc.data)
      const result = edit(next)
      try {
        await this.doc.save(next)
      } catch (error) {
        if (isErrnoCode(error, 'ENOSPC') || isErrnoCode(error, 'EDQUOT')) this.setFull(true)
        throw error
      }
      this.setFull(false)
      return result
    })
    this.tail = run.catch(() => undefined)
    return run
  }
}

function setTrack(file: QueueFile, storyId: string, track: Partial<StoryTrack>): void {
  const current = file.stories[storyId] ?? { serverRevision: null, localRevision: 0 }
  file.stories[storyId] = {
    serverRevision: track.serverRevision ?? current.serverRevision,
    localRevision: Math.max(current.localRevision, track.localRevision ?? 0),
  }
}

function addSave(file: QueueFile, document: Article, localRevision: number, at: string): void {
  const storyId = document.id
  const track = file.stories[storyId] ?? { serverRevision: null, localRevision: 0 }
  // The same revision again is a retry of a save whose local write failed after it was queued.
  if (localRevision < track.localRevision) return
  const last = file.entries.findLast((entry) => entry.storyId === storyId)
  if (last?.kind === 'save' && last.sent === null) {
    last.document = document
    last.localRevision = localRevision
  } else
    file.entries.push({
      kind: 'save',
      id: randomUUID(),
      storyId,
      queuedAt: at,
      document,
      localRevision,
      sent: null,
    })
  file.stories[storyId] = { ...track, localRevision }
}
