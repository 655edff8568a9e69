import type { StoryNote, StoryView } from '../../shared/desk/calls/deskStoryCalls'
import type { DeskConnection } from '../../shared/desk/DeskConnection'
import type { Article } from '../../shared/domain/Article'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { InboxItem, SyncSnapshot } from '../../shared/domain/SyncSnapshot'
import { describeLeaseWaits, type SyncStatus } from '../../shared/domain/SyncStatus'
import { AppError } from '../../shared/ipc/AppError'
import { log } from '../log/log'
import { inboxItemsFor } from './inboxItemsFor'
import type { SyncConflict } from './SyncConflict'
import type { SyncInbox } from './SyncInbox'

/** What the sync of a joined desk reports to the service. */
export type SyncEvents = {
  onStatus: (status: SyncStatus) => void
  onConflict: (conflict: SyncConflict) => void
  /** The desk's version of a story was written to the local store (`before`: the local copy). */
  onApplied: (before: Article | null, view: StoryView) => void
  /** The desk's notes on a story were added to the local history. */
  onNotes: (storyId: string, notes: readonly StoryNote[]) => void
}

/** The sync of the joined desk, while this workstation is joined. */
export type SyncLink = {
  status: () => SyncStatus
  dismissRefused: () => void
  /** Syncing again after it stopped (the device signed in again). */
  resume: () => void
  /** Who took the story's last workflow action, as the desk's audit says (null if it cannot say). */
  lastActor: (storyId: string) => Promise<{ accountId: string; name: string } | null>
  /** Pushes what is queued for at most `waitMs`; returns how many changes still wait. */
  drain: (waitMs: number) => Promise<number>
  /** Stops syncing and lets go of what it opened; the local copies and the queue stay. */
  close: () => Promise<void>
}

export type SyncServiceOptions = {
  clock: Clock
  inbox: SyncInbox
  /** The desk this workstation joined, if any (desk-connection.json). */
  connection: () => DeskConnection | null
  /** Opens (and starts) the sync of the joined desk; null when this workstation cannot sync. */
  connect: (connection: DeskConnection, events: SyncEvents) => Promise<SyncLink | null>
  /** The story as it is in the local store. */
  story: (id: string) => Promise<Article>
  /** Brings a history version's text back as the story's newest revision (Keep mine). */
  restore: (id: string, seq: number) => Promise<Article>
  /** New inbox items, once kept (Electron shows each as a system notification). */
  onInbox?: (items: readonly InboxItem[]) => void
}

type Waiter = { after: number; done: () => void }

/**
 * What a window watches while this workstation is joined to a desk, and the sync behind it: opens
 * the sync when the workstation joins (or starts joined) and closes it when it leaves; gathers the
 * engine's status, the conflicts it kept and the writer's inbox into one versioned snapshot that
 * windows long-poll (`watch`). The inbox and the open conflicts are kept in sync/inbox.json.
 */
export class SyncService {
  private version = 1
  private storiesVersion = 0
  private status: SyncStatus | null = null
  private link: SyncLink | null = null
  private linkedTo: string | null = null
  private waiters: Waiter[] = []
  /** Join, leave and close one at a time: a leave never races the join it follows. */
  private turn: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(private readonly options: SyncServiceOptions) {}

  snapshot(): SyncSnapshot {
    const joined = this.options.connection() !== null
    return {
      version: this.version,
      joined,
      status: joined ? (this.link?.status() ?? this.status) : null,
      storiesVersion: this.storiesVersion,
      conflicts: [...this.options.inbox.conflicts()],
      inbox: this.options.inbox.items().slice(0, 100),
    }
  }

  /** The snapshot once its version passes `after`, or as it is after `waitMs` (a long poll). */
  watch(input: { after: number; waitMs: number }): Promise<SyncSnapshot> {
    if (this.version > input.after || input.waitMs <= 0 || this.closed)
      return Promise.resolve(this.snapshot())
    return new Promise((resolve) => {
      const waiter: Waiter = {
        after: input.after,
        done: () => {
          clearTimeout(timer)
          this.waiters = this.waiters.filter((other) => other !== waiter)
          resolve(this.snapshot())
        },
      }
      const timer = setTimeout(waiter.done, input.waitMs)
      this.waiters.push(waiter)
    })
  }

  async markInboxRead(ids: readonly string[]): Promise<SyncSnapshot> {
    if (await this.options.inbox.markRead(ids)) this.changed()
    return this.snapshot()
  }

  dismissRefusal(): SyncSnapshot {
    this.link?.dismissRefused()
    this.changed()
    return this.snapshot()
  }

  /**
   * Settles a story's conflict. `mine`: the local text kept in History becomes the story again, a
   * new save that is queued for the desk like any other; `theirs`: the desk's text stays. The other
   * text stays a version in History either way.
   */
  async resolveConflict(input: { storyId: string; keep: 'mine' | 'theirs' }): Promise<Article> {
    const conflict = this.options.inbox.conflicts().find((c) => c.storyId === input.storyId)
    if (!conflict)
      throw new AppError(
        'REFUSED',
        'This story has no sync conflict to settle (it was settled already, perhaps in another window).',
        { reason: 'no-conflict' },
      )
    const story =
      input.keep === 'mine'
        ? await this.options.restore(input.storyId, conflict.copySeq)
        : await this.options.story(input.storyId)
    await this.options.inbox.removeConflict(input.storyId)
    this.changed()
    return story
  }

  /**
   * The desk joined or left (or the workstation opened): opens the sync of the desk joined, closes
   * the one of a desk left. The local stories stay either way.
   */
  deskChanged(): Promise<void> {
    const next = this.turn.then(async () => {
      if (this.closed) return
      const connection = this.options.connection()
      const key = connection ? `${connection.url} ${connection.deviceId}` : null
      if (key === this.linkedTo && (key === null || this.link !== null)) {
        // Signed in again to the same desk as the same device: a sync stopped by a sign-out resumes.
        this.link?.resume()
        return this.changed()
      }
      await this.unlink()
      if (connection && key) {
        this.link = await this.options.connect(connection, this.events(connection))
        this.linkedTo = key
        this.status = this.link?.status() ?? null
      }
      this.changed()
    })
    this.turn = next.catch(() => undefined)
    return next
  }

  /**
   * The command line before it exits: pushes what it queued for at most `waitMs`; the line to say
   * when changes still wait for the desk (null when none do).
   */
  async flush(waitMs: number): Promise<string | null> {
    const link = this.link
    if (link === null) return null
    const waiting = await link.drain(waitMs)
    if (waiting === 0) return null
    const status = link.status()
    const reason = status.reason
    const waits = status.connection === 'online' ? (status.leaseWaits ?? []) : []
    if (waits.length > 0) {
      const words = describeLeaseWaits(waits, (iso) => `${iso.slice(11, 16)} UTC`)
      return `${waiting} change${waiting === 1 ? '' : 's'} kept on this computer: ${words.charAt(0).toLowerCase()}${words.slice(1)}; the next copydesk command, or the app, sends ${waiting === 1 ? 'it' : 'them'} then.`
    }
    return `${waiting} change${waiting === 1 ? '' : 's'} kept on this computer will reach the desk when online${reason ? ` (${reason.replace(/\.$/, '')})` : ''}.`
  }

  /** Stops syncing (what is queued stays queued) and answers every window still waiting. */
  async close(): Promise<void> {
    const next = this.turn.then(async () => {
      this.closed = true
      await this.unlink()
    })
    this.turn = next.catch(() => undefined)
    await next
    for (const waiter of [...this.waiters]) waiter.done()
  }

  private async unlink(): Promise<void> {
    const link = this.link
    this.link = null
    this.linkedTo = null
    this.status = null
    await link?.close()
  }

  private events(connection: DeskConnection): SyncEvents {
    const { clock, inbox } = this.options
    // Events of a sync this service has since closed (a desk left) change nothing here.
    const current = () => this.linkedTo === `${connection.url} ${connection.deviceId}`
    return {
      onStatus: (status) => {
        if (!current()) return
        this.status = status
        this.changed()
      },
      onConflict: (conflict) => {
        void this.options
          .story(conflict.storyId)
          .then(
            (story) => story.headline,
            () => '',
          )
          .then((headline) => inbox.addConflict({ ...conflict, headline, at: isoNow(clock) }))
          .then(() => this.changed())
          .catch((error: unknown) =>
            log.problem('sync', 'A sync conflict could not be recorded in sync/inbox.json.', error),
          )
      },
      onApplied: (before, view) => {
        if (!current()) return
        this.storiesVersion += 1
        this.changed()
        if (before === null || inboxItemsFor.kindOf(connection.account, before, view) === null)
          return
        const link = this.link
        void (link ? link.lastActor(view.document.id) : Promise.resolve(null))
          .catch(() => null)
          .then((actor) =>
            this.keep(inboxItemsFor.transition(connection.account, before, view, actor, clock)),
          )
      },
      onNotes: (storyId, notes) => {
        if (!current()) return
        void this.options
          .story(storyId)
          .then((story) => this.keep(inboxItemsFor.notes(connection.account, story, notes)))
          .catch(() => undefined)
      },
    }
  }

  private keep(items: InboxItem[]): void {
    if (items.length === 0) return
    void this.options.inbox
      .add(items)
      .then((fresh) => {
        if (fresh.length === 0) return
        this.changed()
        this.options.onInbox?.(fresh)
      })
      .catch((error: unknown) =>
        log.problem('sync', 'An inbox item could not be kept in sync/inbox.json.', error),
      )
  }

  private changed(): void {
    this.version += 1
    const waiting = this.waiters.filter((waiter) => this.version > waiter.after)
    for (const waiter of waiting) waiter.done()
  }
}
