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

/**
 * The desk's change feed as one server process serves it. The changes table is the feed; NOTIFY
 * only says "read again". One LISTEN per process: a wake re-reads the table once for all parked
 * requests (coalesced: one read in flight, at most one more queued), every (re)connect of the
 * listen also wakes, and a periodic re-read covers a NOTIFY lost on the way. No transaction is held
 * while a request is parked; the only state is the parked requests themselves.
 */
export class ChangeFeed {
  private readonly waiters = new Set<Waiter>()
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
      return { changes, next: recent.to, last: recent.last }
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
    if (this.waiters.size >= this.maxParked)
      throw new DeskError(
        'UNAVAILABLE',
        `This desk server has ${this.maxParked} feed requests waiting already; try again shortly.`,
        { retryAfterSeconds: 1 },
      )
    const deviceParked = deviceId === null ? 0 : (this.parkedByDevice.get(deviceId) ?? 0)
    if (deviceId !== null && deviceParked >= this.maxParkedPerDevice)
      throw new DeskError(
        'UNAVAILABLE',
        `This device has ${this.maxParkedPerDevice} feed requests waiting already; try again shortly.`,
        { retryAfterSeconds: 1 },
      )
    if (deviceId !== null) this.parkedByDevice.set(deviceId, deviceParked + 1)
    return new Promise<FeedPage>((resolve) => {
      const waiter: Waiter = {
        since,
        deviceId,
        done: (answer) => {
          clearTimeout(timeout)
          signal.removeEventListener('abort', giveUp)
          if (this.waiters.delete(waiter) && waiter.deviceId !== null) {
            const left = (this.parkedByDevice.get(waiter.deviceId) ?? 1) - 1
            if (left === 0) this.parkedByDevice.delete(waiter.deviceId)
            else this.parkedByDevice.set(waiter.deviceId, left)
          }
          if (this.waiters.size === 0) this.stopTimer()
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

  /** Stops listening and answers every parked request with what it has (nothing). */
  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    for (const waiter of [...this.waiters])
      waiter.done({ changes: [], next: waiter.since, last: this.lastKnown })
    this.stopTimer()
    await this.unlisten?.().catch(() => {})
  }

  private nudge(): void {
    this.nudges += 1
    this.wake()
  }

  /** One read for everyone parked; a wake during a read queues exactly one more. */
  private wake(): void {
    if (this.waiters.size === 0) return
    if (this.reading) {
      this.readAgain = true
      return
    }
    this.reading = true
    void this.rereadForWaiters().finally(() => (this.reading = false))
  }

  private async rereadForWaiters(): Promise<void> {
    do {
      this.readAgain = false
      const waiters = [...this.waiters]
      if (waiters.length === 0) return
      let page: FeedPage
      try {
        page = await this.read(Math.min(...waiters.map((w) => w.since)))
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
    } while (this.readAgain)
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
