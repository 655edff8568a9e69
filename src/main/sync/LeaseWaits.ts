import type { LeaseHeldDetails } from '../../shared/desk/calls/deskStoryCalls'
import type { Clock } from '../../shared/domain/Clock'
import type { SyncLeaseWait } from '../../shared/domain/SyncStatus'
import { log } from '../log/log'
import type { LeaseTimer } from './LeaseKeeper'
import type { SaveEntry } from './SyncQueue'

/**
 * A save held back goes again this long after the lease's end (the desk's reckoning reached,
 * whatever rounding), and waits at most `maxMs` before asking the desk again anyway.
 */
const LEASE_WAIT = { marginMs: 1000, maxMs: 5 * 60_000 }

const systemTimer: LeaseTimer = (run, ms) => {
  const timer = setTimeout(run, ms)
  timer.unref()
  return () => clearTimeout(timer)
}

export type LeaseWaitsOptions = {
  clock: Clock
  timer?: LeaseTimer | undefined
  /** A story's wait ended (the lease's end came, or the feed said it changed): send it again. */
  ended: (storyId: string) => void
}

/**
 * The stories whose queued changes wait for another person's edit lease to end (a colleague who
 * opened the story, a lease its holder's laptop left to lapse, this account on another device):
 * not refused, kept in the queue and sent again at the lease's end or when the feed says it changed.
 * Kept in memory only: the entries are in the durable queue, and after a restart the desk's next
 * answer sets the wait again.
 */
export class LeaseWaits {
  private readonly waits = new Map<string, SyncLeaseWait & { cancel: () => void }>()
  /** Saves on their way to the desk, per story: true once the feed said the lease changed meanwhile. */
  private readonly sending = new Map<string, boolean>()

  constructor(private readonly options: LeaseWaitsOptions) {}

  get size(): number {
    return this.waits.size
  }

  has(storyId: string): boolean {
    return this.waits.has(storyId)
  }

  /** Runs `send` (a change of the story on its way to the desk), noting a lease change meanwhile. */
  async sendingFor<T>(storyId: string, send: () => Promise<T>): Promise<T> {
    this.sending.set(storyId, false)
    try {
      return await send()
    } finally {
      this.sending.delete(storyId)
    }
  }

  /**
   * The desk refused the story's save for another's live lease: wait until its end, by how long the
   * desk said it had left (its `at` and `expiresAt`, so a clock off here does not matter), counted
   * on this workstation's clock. Called inside `sendingFor`: if the feed said the lease changed
   * while the save was on its way (released, say), the answer is already old and the save goes
   * again at once instead (once: the next answer is newer than what the feed said).
   */
  wait(entry: SaveEntry, held: LeaseHeldDetails): void {
    const storyId = entry.storyId
    if (this.sending.get(storyId) === true) return
    const now = this.options.clock.now().getTime()
    const deskNow = held.at === undefined ? now : Date.parse(held.at)
    const left = Math.min(Math.max(0, Date.parse(held.expiresAt) - deskNow), LEASE_WAIT.maxMs)
    this.waits.get(storyId)?.cancel()
    const timer = this.options.timer ?? systemTimer
    this.waits.set(storyId, {
      storyId,
      headline: entry.document.headline,
      holder: held.holder.name,
      yourAccount: held.yourAccount === true,
      until: new Date(now + left).toISOString(),
      cancel: timer(() => this.end(storyId), left + LEASE_WAIT.marginMs),
    })
    log.info(
      'sync',
      `A save of story ${storyId} waits for ${held.holder.name}'s edit lease (until ${held.expiresAt} on the desk's clock); it goes again then.`,
    )
  }

  /** The feed says the story's lease changed (released, taken, taken over). */
  changed(storyId: string): void {
    if (this.sending.has(storyId)) this.sending.set(storyId, true)
    this.end(storyId)
  }

  /** Ends every wait without sending (sync stops, or a command asks the desk again). */
  forget(): void {
    for (const wait of this.waits.values()) wait.cancel()
    this.waits.clear()
  }

  /** What the status shows: the waits of stories that still have changes queued. */
  list(pending: (storyId: string) => boolean): SyncLeaseWait[] {
    return [...this.waits.values()]
      .filter((wait) => pending(wait.storyId))
      .map(({ cancel: _cancel, ...wait }) => wait)
  }

  private end(storyId: string): void {
    const wait = this.waits.get(storyId)
    if (!wait) return
    wait.cancel()
    this.waits.delete(storyId)
    this.options.ended(storyId)
  }
}
