import { randomUUID } from 'node:crypto'
import {
  LeaseHeldDetails,
  StoryConflictDetails,
  type StoryView,
} from '../../shared/desk/calls/deskStoryCalls'
import type { DeskClient } from '../../shared/desk/createDeskClient'
import { DeskError } from '../../shared/desk/DeskError'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { SyncStatus } from '../../shared/domain/SyncStatus'
import { ACTION_LABELS, type WorkflowAction } from '../../shared/domain/workflow'
import { AppError } from '../../shared/ipc/AppError'
import { log } from '../log/log'
import type { HistoryStore } from '../store/HistoryStore'
import type { DeskPictures } from './DeskPictures'
import type { LocalCopy } from './LocalCopy'
import { downloadDesk } from './downloadDesk'
import { followDesk } from './followDesk'
import type { LeaseTimer } from './LeaseKeeper'
import { LeaseWaits } from './LeaseWaits'
import { needsTheDesk, QUEUED_OFFLINE } from './needsTheDesk'
import type { SyncConflict } from './SyncConflict'
import type { SyncCursor } from './SyncCursor'
import type { QueueEntry, SyncQueue } from './SyncQueue'
import { Wake } from './Wake'

const RETRY = { firstMs: 500, maxMs: 30_000, unansweredMs: 1000 }

export type SyncEngineOptions = {
  client: DeskClient
  localCopy: LocalCopy
  /** The local history: notes added here are kept there too. */
  history: HistoryStore
  queue: SyncQueue
  cursor: SyncCursor
  clock: Clock
  /** Waits between attempts while the desk cannot be reached: doubling from `firstMs` to `maxMs`. */
  retry?: { firstMs: number; maxMs: number; unansweredMs?: number }
  /** Stories per page of the first sync. */
  pageSize?: number
  onStatus?: (status: SyncStatus) => void
  onConflict?: (conflict: SyncConflict) => void
  /** The feed says a story's lease changed: the LeaseKeeper asks the desk again. */
  onLeaseChanged?: (storyId: string) => void
  /** Runs a save held back by another's lease again once the lease ends; tests pass their own. */
  leaseTimer?: LeaseTimer
  /** The pictures a save uses go to the desk before it (null: a workstation without a picture store). */
  pictures?: DeskPictures | null
}

/**
 * Keeps a workstation's local store and the desk in step, in the background: pushes the sync queue
 * in order (each entry under its own id, so a replay after a lost answer is applied once), follows
 * the change feed from a durable cursor, and downloads the desk's stories in pages the first time.
 * The desk unreachable: it waits and tries again by itself. The device signed out: it stops.
 */
export class SyncEngine {
  private readonly wake = new Wake()
  private readonly reconnected = new Wake()
  private stopping = new AbortController()
  private running: Promise<void> | null = null
  private state: SyncStatus
  private failures = 0
  private readonly leaseWaits: LeaseWaits

  constructor(private readonly options: SyncEngineOptions) {
    this.leaseWaits = new LeaseWaits({
      clock: options.clock,
      timer: options.leaseTimer,
      ended: () => {
        this.update({})
        this.wake.fire()
      },
    })
    const first = options.cursor.firstSync
    this.state = {
      connection: 'connecting',
      offlineSince: null,
      reason: null,
      pending: options.queue.length,
      refused: null,
      firstSync: { done: first.done, total: null, finished: first.finished },
      queueDamaged: options.queue.damaged !== null,
      diskFull: options.queue.diskFull,
      leaseWaits: [],
    }
    options.queue.onDiskFull((diskFull) => this.update({ diskFull }))
  }

  status(): SyncStatus {
    return { ...this.state, pending: this.options.queue.length }
  }

  /** Starts syncing in the background (again, after a sign-in expired). */
  start(): void {
    if (this.running) return
    this.stopping = new AbortController()
    const signal = this.stopping.signal
    this.update({ connection: 'connecting', reason: null })
    // Either loop ending on a sign-out stops the other: both have ended when `running` settles.
    const ended = (error: unknown) => this.stoppedBy(error, signal)
    this.running = (async () => {
      if ((await this.options.localCopy.recover()) > 0) this.update({})
      await Promise.all([this.pushLoop(signal).catch(ended), this.pullLoop(signal).catch(ended)])
    })()
      .catch(ended)
      .finally(() => {
        this.running = null
      })
  }

  /** Stops pushing, following and downloading; what is queued stays queued. */
  async stop(): Promise<void> {
    // What waits for a lease is tried again at the next start, and the desk says again how long.
    this.leaseWaits.forget()
    this.stopping.abort(new Error('sync stopped'))
    this.wake.fire()
    this.reconnected.fire()
    await this.running
  }

  /**
   * Pushes what is queued, in order, for at most `waitMs` (the command line, before it exits),
   * without following the feed; stops at the first failure to reach the desk. Returns how many
   * changes still wait. A push still on its way when the time is up finishes in the background.
   */
  async drain(waitMs: number): Promise<number> {
    if (this.running || this.options.queue.length === 0) return this.options.queue.length
    // Not following the feed, nothing here hears a lease end: what waited for one asks again.
    this.leaseWaits.forget()
    const work = (async () => {
      for (let entry = this.nextEntry(); entry; entry = this.nextEntry()) {
        await this.push(entry)
        this.online()
      }
    })().catch((error: unknown) => {
      if (isSignedOut(error)) this.stoppedBy(error, this.stopping.signal)
      else this.offline(error)
    })
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))])
    clearTimeout(timer)
    return this.options.queue.length
  }

  /** A local change was queued: push it now rather than at the next turn. */
  queued(): void {
    this.update({})
    this.wake.fire()
  }

  /**
   * The feed says the story's lease changed (released, taken, taken over): changes that waited for
   * it go again now, rather than at the lease's end.
   */
  leaseChanged(storyId: string): void {
    this.leaseWaits.changed(storyId)
  }

  /** The person saw the refusal: the indicator goes back to the connection's state. */
  dismissRefused(): void {
    this.update({ refused: null })
  }

  /**
   * Adds a note to a story: queued (so it works offline and reaches the desk in order), then kept
   * in the local history under the same id, so the desk's copy coming back is not added twice.
   */
  async addNote(storyId: string, body: string, by: string): Promise<void> {
    const id = randomUUID()
    await this.options.queue.enqueueNote(storyId, body, id)
    await this.options.history.addNote(storyId, {
      id,
      at: isoNow(this.options.clock),
      by,
      text: body,
    })
    this.queued()
  }

  /**
   * Requests a workflow action. Submitting is queued (it works offline and "will reach the desk
   * when online"); every other action is the desk's to take now, and is refused while offline.
   */
  async transition(
    storyId: string,
    action: WorkflowAction,
    note = '',
  ): Promise<{ queued: true } | { queued: false; story: StoryView }> {
    const { queue, client, localCopy } = this.options
    if (QUEUED_OFFLINE.has(action)) {
      await queue.enqueueTransition(storyId, action, note)
      this.queued()
      return { queued: true }
    }
    await this.reachDesk(action)
    // A desk version half taken (written locally, its revision not yet recorded) is finished first.
    await localCopy.settled(storyId)
    const revision = queue.track(storyId)?.serverRevision ?? null
    if (revision === null || queue.pendingFor(storyId))
      throw new AppError(
        'REFUSED',
        'This story has changes that have not reached the desk yet; try again once they have.',
        { reason: 'pending' },
      )
    let story: StoryView
    try {
      story = await client.transition({
        id: storyId,
        action,
        revision,
        note,
        transitionId: randomUUID(),
      })
    } catch (error) {
      if (isTransient(error)) {
        this.offline(error)
        throw needsTheDesk(action)
      }
      throw asAppError(error)
    }
    await localCopy.applyRemote(story)
    return { queued: false, story }
  }

  /**
   * Running: as requireDesk. Not running (the command line): asks the desk whether it is there,
   * and refuses the same way when it is not.
   */
  async reachDesk(action: WorkflowAction | 'push'): Promise<void> {
    if (this.running) return this.requireDesk(action)
    try {
      await this.options.client.getDesk({}, { timeoutMs: 10_000 })
      this.online()
    } catch (error) {
      this.offline(error)
      throw needsTheDesk(action)
    }
  }

  /** Throws the "needs the desk: you are offline" refusal unless the desk is reachable now. */
  requireDesk(action: WorkflowAction | 'push'): void {
    if (this.state.connection !== 'online') throw needsTheDesk(action)
  }

  private async pushLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const entry = this.nextEntry()
      try {
        if (entry) await this.push(entry)
        else if (!(await this.catchUp())) {
          this.update({})
          await this.wake.wait(signal)
          continue
        }
        this.online()
      } catch (error) {
        if (signal.aborted) return
        if (isSignedOut(error)) throw error
        this.offline(error)
        await this.backoff(signal, error)
      }
    }
  }

  /**
   * The first queued change not held back: a story whose save waits for another's lease keeps its
   * place, and its later changes wait behind it; other stories' changes go ahead.
   */
  private nextEntry(): QueueEntry | undefined {
    if (this.leaseWaits.size === 0) return this.options.queue.next()
    return this.options.queue.entries.find((entry) => !this.leaseWaits.has(entry.storyId))
  }

  private async push(queued: QueueEntry): Promise<void> {
    const entry = await this.options.queue.freeze(queued.id)
    if (!entry) return
    await this.leaseWaits.sendingFor(entry.storyId, () => this.send(entry))
  }

  private async send(entry: QueueEntry): Promise<void> {
    const { queue, client, localCopy } = this.options
    try {
      if (entry.sent === null)
        throw new DeskError('NOT_FOUND', 'This story has not reached the desk.')
      if (entry.kind === 'save' && entry.sent) {
        // Its pictures first, each sent once: the desk never holds a story without them.
        await this.options.pictures?.upload(entry.sent.document)
        const story = await client.saveStory(entry.sent)
        await queue.complete(entry.id, {
          id: entry.storyId,
          track: { serverRevision: story.revision, localRevision: entry.localRevision },
        })
        await localCopy.applyRemote(story)
      } else if (entry.kind === 'note' && entry.sent) {
        await client.addNote(entry.sent)
        await queue.complete(entry.id)
      } else if (entry.kind === 'transition' && entry.sent) {
        const story = await client.transition(entry.sent)
        await queue.complete(entry.id)
        await localCopy.applyRemote(story)
      }
    } catch (error) {
      if (!(error instanceof DeskError) || isTransient(error) || isSignedOut(error)) throw error
      // Another's live lease (not one taken over from here: the desk answers that with a kept
      // copy, in settle) holds the save back, not refuses it: it keeps its place and waits.
      const held = error.code === 'REFUSED' ? LeaseHeldDetails.safeParse(error.details) : null
      if (entry.kind === 'save' && held?.success) {
        this.leaseWaits.wait(entry, held.data)
        this.update({})
      } else await this.settle(entry, error)
    }
  }

  /**
   * Takes the desk's version of the stories it moved on while they had local changes queued (their
   * status sent back or approved while a note waited, say), now that those have reached it.
   */
  private async catchUp(): Promise<boolean> {
    const { queue, client, localCopy } = this.options
    const ids = queue.behindStories()
    for (const id of ids) {
      const story = await client.getStory({ id }).catch((failure: unknown) => {
        if (failure instanceof DeskError && failure.code === 'NOT_FOUND') return null
        throw failure
      })
      if (story) await localCopy.applyRemote(story)
      else await queue.setTrack(id, { behind: false })
    }
    return ids.length > 0
  }

  /** The desk answered the entry with a refusal or a conflict: keep what must be kept, move on. */
  private async settle(entry: QueueEntry, error: DeskError): Promise<void> {
    const { queue, localCopy, client } = this.options
    const conflict =
      error.code === 'CONFLICT' ? StoryConflictDetails.safeParse(error.details) : null
    // A transition queued offline on a revision someone has since saved over: the writer asked
    // for the story's state to change, and nothing of theirs is in question (a text of theirs the
    // desk did not take would have stopped it as a conflict first), so it goes again on the
    // desk's revision. The desk still decides whether the action is allowed.
    if (entry.kind === 'transition' && conflict?.success && conflict.data.reason === 'stale') {
      await queue.retryTransition(entry.id, conflict.data.current.revision)
      return
    }
    if (entry.kind === 'save') {
      const kept = await localCopy.keepConflict(
        entry,
        conflict?.success ? conflict.data.reason : 'refused',
        conflict?.success ? conflict.data.current : null,
        error.message,
      )
      if (kept) {
        this.options.onConflict?.(kept)
        // A submit queued after a text the desk did not take would send the desk's text instead:
        // it waits for the writer to settle the conflict and submit again, and says so.
        const dropped = await queue.dropTransitions(entry.storyId)
        const first = dropped[0]
        if (first?.kind === 'transition')
          this.update({
            refused: {
              storyId: entry.storyId,
              reason: `“${ACTION_LABELS[first.action]}” did not reach the desk: the desk has a newer version of the story. Your text is kept in History: settle the conflict (Keep mine or Take theirs), then do it again.`,
              at: isoNow(this.options.clock),
            },
          })
      }
    } else await queue.complete(entry.id)
    if (!conflict?.success)
      this.update({
        refused: { storyId: entry.storyId, reason: error.message, at: isoNow(this.options.clock) },
      })
    // The story may have moved on the desk while its local change waited: take where it stands.
    const story = await client.getStory({ id: entry.storyId }).catch((failure: unknown) => {
      if (failure instanceof DeskError && failure.code === 'NOT_FOUND') return null
      throw failure
    })
    if (story) await localCopy.applyRemote(story)
  }

  /** The first sync, then the feed from the cursor, again whenever the stream ends or fails. */
  private async pullLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        if (!this.options.cursor.firstSync.finished) await this.firstSync(signal)
        await this.follow(signal)
      } catch (error) {
        if (signal.aborted) return
        if (isSignedOut(error)) throw error
        this.offline(error)
        await this.backoff(signal, error)
      }
    }
  }

  private follow(signal: AbortSignal): Promise<void> {
    return followDesk({
      ...this.options,
      signal,
      heard: () => {
        if (!signal.aborted) this.online()
      },
      skipped: (storyId, error) =>
        log.problem(
          'sync',
          `A change the desk made to story ${storyId} could not be applied on this workstation; the desk's other changes go on arriving. The desk keeps the story: it comes back with its next change, or after joining again.`,
          error,
        ),
      onLeaseChanged: (storyId) => {
        this.leaseChanged(storyId)
        this.options.onLeaseChanged?.(storyId)
      },
    })
  }

  /** The first sync, its progress in the status. */
  private async firstSync(signal: AbortSignal): Promise<void> {
    await downloadDesk({
      ...this.options,
      pageSize: this.options.pageSize ?? 100,
      signal,
      progress: (firstSync) => {
        this.online()
        this.update({ firstSync })
      },
    })
  }

  /**
   * Waits before trying again: doubling up to `maxMs` while the desk answers with trouble (busy,
   * failing), but at most `unansweredMs` while nothing answers at all (the desk stopped, the laptop
   * offline): asking costs nothing then, and the story reaches the desk within a second or two of
   * its coming back, not half a minute later.
   */
  private async backoff(signal: AbortSignal, error: unknown): Promise<void> {
    await this.reconnected.wait(signal, retryWait(this.failures, error, this.options.retry))
  }

  private online(): void {
    this.failures = 0
    // Signed out stays signed out until start(): a page of the feed still in flight, or the other
    // loop finishing its call, must not show the device online again with a token that is gone.
    if (this.state.connection === 'signed-out') return
    if (this.state.connection !== 'online') {
      this.update({ connection: 'online', offlineSince: null, reason: null })
      this.reconnected.fire()
    }
  }

  private offline(error: unknown): void {
    this.failures += 1
    if (this.state.connection === 'signed-out') return
    const reason = error instanceof Error ? error.message : String(error)
    this.update({
      connection: 'offline',
      offlineSince: this.state.offlineSince ?? isoNow(this.options.clock),
      reason,
    })
  }

  private stoppedBy(error: unknown, signal: AbortSignal): void {
    if (isSignedOut(error)) {
      this.stopping.abort(error)
      this.update({
        connection: 'signed-out',
        reason: error instanceof Error ? error.message : String(error),
      })
    } else if (!signal.aborted)
      this.update({
        connection: 'offline',
        reason: error instanceof Error ? error.message : String(error),
      })
  }

  private update(change: Partial<SyncStatus>): void {
    const leaseWaits = this.leaseWaits.list((storyId) => this.options.queue.pendingFor(storyId))
    this.state = { ...this.state, ...change, pending: this.options.queue.length, leaseWaits }
    this.options.onStatus?.(this.status())
  }
}

/** The desk could not be reached or could not answer now: try again later, change nothing. */
function isTransient(error: unknown): boolean {
  if (!(error instanceof DeskError)) return !(error instanceof AppError)
  return ['UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL'].includes(error.code)
}

function isSignedOut(error: unknown): boolean {
  return error instanceof DeskError && error.code === 'UNAUTHENTICATED'
}

function asAppError(error: unknown): unknown {
  if (!(error instanceof DeskError)) return error
  const codes = ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN'] as const
  const code = codes.find((c) => c === error.code) ?? 'REFUSED'
  return new AppError(code, error.message, error.details)
}

/** How long to wait after the `failures`-th failure in a row, this one being `error`. */
export function retryWait(
  failures: number,
  error: unknown,
  retry: SyncEngineOptions['retry'],
): number {
  const { firstMs, maxMs, unansweredMs } = { ...RETRY, ...retry }
  const doubling = Math.min(maxMs, firstMs * 2 ** Math.min(Math.max(failures - 1, 0), 16))
  return unanswered(error) ? Math.min(doubling, unansweredMs) : doubling
}

function unanswered(error: unknown): boolean {
  return (
    error instanceof DeskError &&
    error.code === 'UNAVAILABLE' &&
    typeof error.details === 'object' &&
    error.details !== null &&
    'unanswered' in error.details &&
    error.details.unanswered === true
  )
}
