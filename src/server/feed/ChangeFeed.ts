import { performance } from 'node:perf_hooks'
import { z } from 'zod'
import {
  DESK_FEED_PAGE,
  type DeskChange,
  type ListChangesOutput,
} from '../../shared/desk/calls/deskFeedCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { Db } from '../db/Db'

type FeedPage = z.infer<typeof ListChangesOutput>

export type ChangeFeedOptions = {
  db: Db
  /** Long polls parked on this process at most; one more is refused UNAVAILABLE. */
  maxParked?: number
  /**
   * Long polls parked for one device at most (4 unless told); one more is refused UNAVAILABLE with
   * a retry time, so one device cannot take every slot of maxParked. A refusal rather than an empty
   * answer at once: a sync client that re-polls on every answer would spin on empty ones, while it
   * waits out the declared retry time of a refusal.
   */
  maxParkedPerDevice?: number
  /** While anything is parked, the table is re-read this often, so a lost NOTIFY costs latency only. */
  rereadMs?: number
  /** Told when a re-read fails (the database went away); the parked requests keep waiting. */
  onError?: (error: unknown) => void
  /**
   * Reads for the waiting are spaced by this many ms per waiting request or stream (0.25 unless
   * told), up to 100 ms: one change answers everyone waiting, so with 200 streams a read every
   * 50 ms at most, each answering with everything since the last, keeps the cost of a busy desk's
   * fan-out bounded (at most ~20 lines a second per stream), while a quiet one answers at once.
   */
  spacingMsPerWaiter?: number
}

/** The channel record_change() notifies; its payload (the seq) is only a nudge. */
export const CHANGES_CHANNEL = 'desk_changes'

const ChangeRow = z.object({
  seq: z.number().int(),
  at: z.date(),
  kind: z.string(),
  article_id: z.string().nullable(),
  revision: z.number().int().nullable(),
  actor_id: z.string().nullable(),
})
const CounterRow = z.object({ last_seq: z.number().int() })

type Waiter = { since: number; deviceId: string | null; done: (page: FeedPage) => void }

/** A stream following the feed: told every change after `since`, which moves as it is told. */
type Follower = { since: number; send: (page: FeedPage) => void }

const MAX_SPACING_MS = 100

/**
 * The desk's change feed as one server process serves it. The changes table is the feed; NOTIFY
 * only says "read again". One LISTEN per process: a wake re-reads the table once for all parked
 * requests (coalesced: one read in flight, at most one more queued), every (re)connect of the
 * listen also wakes, and a periodic re-read covers a NOTIFY lost on the way. No transaction is held
 * while a request is parked; the only state is the parked requests themselves.
 */
export class ChangeFeed {
  private readonly waiters = new Set<Waiter>()
  private readonly followers = new Set<Follower>()
  private readonly stopFollowing = new Set<() => void>()
  /** Each device's stream, by the function that ends it. */
  private readonly streamOfDevice = new Map<string, () => void>()
  private readonly spacingMsPerWaiter: number
  /** When the last read for the waiting started (performance.now()), and the wake put off until the spacing has passed. */
  private lastFanOutAt = Number.NEGATIVE_INFINITY
  private spacedWake: ReturnType<typeof setTimeout> | null = null
  private readonly maxParked: number
  private readonly maxParkedPerDevice: number
  /** Parked requests per device id. */
  private readonly parkedByDevice = new Map<string, number>()
  private readonly rereadMs: number
  private reading = false
  private readAgain = false
  /** Counts nudges, so a request that read just before a NOTIFY and parked just after re-reads. */
  private nudges = 0
  private lastKnown = 0
  /** The latest read: the desk's last seq then, and the nudges counted before its query went out. */
  private settled = { last: -1, nudges: -1 }
  /** The latest read's changes, a gapless run of seq `from + 1` up to `to`: re-polls are answered from it. */
  private recent: { from: number; to: number; changes: DeskChange[]; last: number } | null = null
  private timer: ReturnType<typeof setInterval> | null = null
  private unlisten: (() => Promise<void>) | null = null
  private stopped = false

  private constructor(private readonly options: ChangeFeedOptions) {
    this.maxParked = options.maxParked ?? 2000
    this.maxParkedPerDevice = options.maxParkedPerDevice ?? 4
    this.rereadMs = options.rereadMs ?? 2000
    this.spacingMsPerWaiter = options.spacingMsPerWaiter ?? 0.25
  }

  /** Starts listening; resolves once the LISTEN is in place. */
  static async start(options: ChangeFeedOptions): Promise<ChangeFeed> {
    const feed = new ChangeFeed(options)
    feed.unlisten = await options.db.listen(
      CHANGES_CHANNEL,
      () => feed.nudge(),
      () => feed.nudge(),
    )
    return feed
  }

  /** How many requests are waiting on this process now. */
  get parked(): number {
    return this.waiters.size
  }

  /** How many streams follow the feed on this process now. */
  get following(): number {
    return this.followers.size
  }

  /** Up to DESK_FEED_PAGE changes after `since`, and the desk's highest seq, read now. */
  async read(since: number): Promise<FeedPage> {
    const nudges = this.nudges
    const rows = await this.options.db.query(
      `select seq, at, kind, article_id, revision, actor_id from changes
        where seq > $1 order by seq limit $2`,
      [since, DESK_FEED_PAGE],
    )
    // Read after the rows, so `last` is never below the highest seq answered.
    const [counter] = await this.options.db.query('select last_seq from change_counter')
    const last = CounterRow.parse(counter).last_seq
    this.lastKnown = last
    const changes = rows.map((row) => toChange(ChangeRow.parse(row)))
    const next = changes.at(-1)?.seq ?? since
    if (nudges >= this.settled.nudges) this.settled = { last, nudges }
    if (changes.length > 0 && next >= (this.recent?.to ?? 0))
      this.recent = { from: since, to: next, changes, last }
    return { changes, next, last }
  }

  /**
   * A page without the database, when the latest read settles it: a workstation behind gets the
   * changes after its `since` from that read (the feed has no gaps, and a change never changes),
   * and one that is caught up with nothing notified since gets nothing, to wait for the NOTIFY.
   * Every workstation re-polls after each change, so this spares the database most feed reads.
   */
  private fromMemory(since: number, waitSeconds: number): FeedPage | null {
    const recent = this.recent
    if (recent !== null && since >= recent.from && since < recent.to) {
      const changes = recent.changes.filter((change) => change.seq > since)
      return { changes, next: recent.to, last: Math.max(recent.last, this.lastKnown) }
    }
    if (waitSeconds > 0 && since === this.settled.last && this.nudges === this.settled.nudges)
      return { changes: [], next: since, last: since }
    return null
  }

  /**
   * The changes after `since` at once, or, when there are none, the first ones to come within
   * `waitSeconds` (none when the time runs out, the signal aborts or the feed stops). `deviceId`
   * (the signed-in device asking) counts the request against that device's parked requests.
   */
  async changes(
    since: number,
    waitSeconds: number,
    signal: AbortSignal,
    deviceId: string | null = null,
  ): Promise<FeedPage> {
    const nudgesBefore = this.nudges
    const page = this.fromMemory(since, waitSeconds) ?? (await this.read(since))
    if (page.changes.length > 0 || waitSeconds <= 0 || signal.aborted || this.stopped) return page
    if (this.waiters.size + this.followers.size >= this.maxParked)
      throw new DeskError(
        'UNAVAILABLE',
        `This desk server has ${this.maxParked} feed requests waiting already; try again shortly.`,
        { retryAfterSeconds: 1 },
      )
    this.takeDeviceSlot(deviceId)
    return new Promise<FeedPage>((resolve) => {
      const waiter: Waiter = {
        since,
        deviceId,
        done: (answer) => {
          clearTimeout(timeout)
          signal.removeEventListener('abort', giveUp)
          if (this.waiters.delete(waiter)) this.releaseDeviceSlot(waiter.deviceId)
          this.stopTimerWhenIdle()
          resolve(answer)
        },
      }
      const giveUp = () => waiter.done({ changes: [], next: since, last: this.lastKnown })
      const timeout = setTimeout(giveUp, waitSeconds * 1000)
      signal.addEventListener('abort', giveUp, { once: true })
      this.waiters.add(waiter)
      this.startTimer()
      if (this.nudges !== nudgesBefore) this.wake()
    })
  }

  /**
   * Sends the changes after `since` at once (a first page even when there are none, so the caller
   * knows it follows), then every change as it becomes visible, until `signal` aborts or the feed
   * stops. A stream counts against its device's slots like a parked request (`deviceId`).
   */
  async follow(
    since: number,
    signal: AbortSignal,
    deviceId: string | null,
    send: (page: FeedPage) => Promise<void> | void,
  ): Promise<void> {
    if (signal.aborted || this.stopped) return
    // A device follows once: its newer stream ends the older one, whose client may be gone without
    // a word (a laptop asleep, a network changed) and would otherwise hold a slot until TCP gives up.
    if (deviceId !== null) this.streamOfDevice.get(deviceId)?.()
    if (this.waiters.size + this.followers.size >= this.maxParked)
      throw new DeskError(
        'UNAVAILABLE',
        `This desk server has ${this.maxParked} feed requests waiting already; try again shortly.`,
        { retryAfterSeconds: 1 },
      )
    this.takeDeviceSlot(deviceId)
    const follower: Follower = { since, send: (page) => void send(page) }
    let over = false
    let release = () => {}
    const ended = new Promise<void>((resolve) => {
      release = resolve
    })
    const end = () => {
      if (over) return
      over = true
      signal.removeEventListener('abort', end)
      this.stopFollowing.delete(end)
      this.followers.delete(follower)
      if (deviceId !== null && this.streamOfDevice.get(deviceId) === end)
        this.streamOfDevice.delete(deviceId)
      this.releaseDeviceSlot(deviceId)
      this.stopTimerWhenIdle()
      release()
    }
    signal.addEventListener('abort', end, { once: true })
    this.stopFollowing.add(end)
    if (deviceId !== null) this.streamOfDevice.set(deviceId, end)
    try {
      // Catch up page by page, each sent before the next is read (a client far behind on a slow
      // link, or an in-process database that answers without yielding, must not pile pages up in
      // memory); a page short of a full one is the head of the feed.
      let first = true
      for (;;) {
        const page = this.fromMemory(follower.since, 0) ?? (await this.read(follower.since))
        if (over || this.stopped) return
        if (first || page.changes.length > 0) await send(page)
        if (over || this.stopped) return
        first = false
        follower.since = page.next
        if (page.changes.length < DESK_FEED_PAGE) {
          this.followers.add(follower)
          this.startTimer()
          // A page from memory may be older than a NOTIFY already counted: read once more now
          // (spaced and shared with every other stream), rather than wait for the next change.
          this.wake()
          break
        }
      }
      await ended
    } finally {
      end()
    }
  }

  /** Stops listening, answers every parked request with what it has (nothing) and ends every stream. */
  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    for (const waiter of [...this.waiters])
      waiter.done({ changes: [], next: waiter.since, last: this.lastKnown })
    for (const end of [...this.stopFollowing]) end()
    if (this.spacedWake !== null) clearTimeout(this.spacedWake)
    this.stopTimer()
    await this.unlisten?.().catch(() => {})
  }

  private nudge(): void {
    this.nudges += 1
    this.wake()
  }

  private takeDeviceSlot(deviceId: string | null): void {
    if (deviceId === null) return
    const taken = this.parkedByDevice.get(deviceId) ?? 0
    if (taken >= this.maxParkedPerDevice)
      throw new DeskError(
        'UNAVAILABLE',
        `This device has ${this.maxParkedPerDevice} feed requests waiting already; try again shortly.`,
        { retryAfterSeconds: 1 },
      )
    this.parkedByDevice.set(deviceId, taken + 1)
  }

  private releaseDeviceSlot(deviceId: string | null): void {
    if (deviceId === null) return
    const left = (this.parkedByDevice.get(deviceId) ?? 1) - 1
    if (left === 0) this.parkedByDevice.delete(deviceId)
    else this.parkedByDevice.set(deviceId, left)
  }

  /**
   * One read for everyone waiting; a wake during a read queues exactly one more, and reads are
   * spaced by the number waiting (spacingMsPerWaiter), so a burst of changes is sent in batches.
   */
  private wake(): void {
    if (this.waiters.size === 0 && this.followers.size === 0) return
    if (this.reading) {
      this.readAgain = true
      return
    }
    if (this.spacedWake !== null) return
    const spacing = Math.min(
      MAX_SPACING_MS,
      (this.waiters.size + this.followers.size) * this.spacingMsPerWaiter,
    )
    const wait = this.lastFanOutAt + spacing - performance.now()
    if (wait > 0) {
      this.spacedWake = setTimeout(() => {
        this.spacedWake = null
        this.wake()
      }, wait)
      return
    }
    this.reading = true
    this.readAgain = false
    this.lastFanOutAt = performance.now()
    void this.rereadForWaiters().finally(() => {
      this.reading = false
      if (this.readAgain && !this.stopped) this.wake()
    })
  }

  private async rereadForWaiters(): Promise<void> {
    const waiters = [...this.waiters]
    const followers = [...this.followers]
    if (waiters.length === 0 && followers.length === 0) return
    let page: FeedPage
    try {
      page = await this.read(
        Math.min(...waiters.map((w) => w.since), ...followers.map((f) => f.since)),
      )
    } catch (error) {
      this.options.onError?.(error)
      return
    }
    for (const waiter of waiters) {
      if (!this.waiters.has(waiter)) continue
      const mine = page.changes.filter((change) => change.seq > waiter.since)
      const next = mine.at(-1)?.seq
      if (next !== undefined) waiter.done({ changes: mine, next, last: page.last })
    }
    // Changes read once, sent to every stream as one list when it was at the same place (the usual
    // case for streams at the head), so the same batch is not filtered and built 200 times over.
    const shared = new Map<number, FeedPage>()
    for (const follower of followers) {
      if (!this.followers.has(follower)) continue
      let mine = shared.get(follower.since)
      if (mine === undefined) {
        const changes = page.changes.filter((change) => change.seq > follower.since)
        mine = { changes, next: changes.at(-1)?.seq ?? follower.since, last: page.last }
        shared.set(follower.since, mine)
      }
      if (mine.changes.length === 0) continue
      follower.since = mine.next
      follower.send(mine)
    }
    // A full page: more are waiting past it.
    if (page.changes.length >= DESK_FEED_PAGE) this.readAgain = true
  }

  private stopTimerWhenIdle(): void {
    if (this.waiters.size === 0 && this.followers.size === 0) this.stopTimer()
  }

  private startTimer(): void {
    if (this.timer !== null) return
    this.timer = setInterval(() => this.wake(), this.rereadMs)
    this.timer.unref()
  }

  private stopTimer(): void {
    if (this.timer === null) return
    clearInterval(this.timer)
    this.timer = null
  }
}

function toChange(row: z.infer<typeof ChangeRow>): DeskChange {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    kind: row.kind,
    articleId: row.article_id,
    revision: row.revision,
    actorId: row.actor_id,
  }
}
