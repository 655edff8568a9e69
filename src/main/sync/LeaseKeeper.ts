import {
  LeaseHeldDetails,
  LeaseLostDetails,
  type StoryLease,
} from '../../shared/desk/calls/deskStoryCalls'
import type { DeskClient } from '../../shared/desk/createDeskClient'
import { DeskError } from '../../shared/desk/DeskError'
import type { Clock } from '../../shared/domain/Clock'
import { AppError } from '../../shared/ipc/AppError'
import type { EditingLease, EditingState, LeaseLine } from '../../shared/ipc/calls/leaseCalls'

/** Runs `run` once after `ms`; the answer cancels it. Tests pass one they fire by hand. */
export type LeaseTimer = (run: () => void, ms: number) => () => void

export type LeaseKeeperOptions = {
  /** The signed-in desk client; null on a standalone workstation. */
  client: () => DeskClient | null
  /** Whether the person here is a desk chief (the desk checks again when taking over). */
  isDeskChief: () => boolean
  clock: Clock
  timer?: LeaseTimer
  /** Waits before asking again when the desk could not be reached, or someone else holds the lease. */
  retryMs?: number
  /** How long one desk call may take (the client's own limit unless told). */
  callTimeoutMs?: number
  /** How long the desk's list of leases is reused before it is asked again. */
  listMaxAgeMs?: number
}

type Open = {
  lease: EditingLease
  version: number
  /** Editors that have the story open (two windows may). */
  openers: number
  cancel: (() => void) | null
  changed: Set<() => void>
  /** Operations on one story run one after another. */
  turn: Promise<unknown>
}

const systemTimer: LeaseTimer = (run, ms) => {
  const timer = setTimeout(run, ms)
  timer.unref()
  return () => clearTimeout(timer)
}

/**
 * Keeps the desk's edit lease on the stories open in this workstation's editor: taken when the
 * editor opens one, renewed well before it expires while it stays open, released when it closes.
 * Finds out when a desk chief took a story over (the renewal is refused, or the feed says the lease
 * changed). The lease is an online courtesy: offline, editing goes on and the state says so.
 */
export class LeaseKeeper {
  private readonly open = new Map<string, Open>()
  private version = 0
  private list: { at: number; leases: Map<string, StoryLease> } | null = null
  private readonly timer: LeaseTimer

  constructor(private readonly options: LeaseKeeperOptions) {
    this.timer = options.timer ?? systemTimer
  }

  /** The editor opened a story: take its lease and say who may edit it. */
  async openForEditing(storyId: string): Promise<EditingState> {
    const entry = this.open.get(storyId)
    if (entry) {
      entry.openers += 1
      await entry.turn
      return this.state(storyId, entry)
    }
    const fresh: Open = {
      lease: { state: 'offline', reason: 'Asking the desk…' },
      version: this.version,
      openers: 1,
      cancel: null,
      changed: new Set(),
      turn: Promise.resolve(),
    }
    this.open.set(storyId, fresh)
    // Opening again after a take-over acknowledges it: the desk stores this device's saves again.
    await this.inTurn(storyId, fresh, () => this.ask(storyId, 'acquire'))
    return this.state(storyId, fresh)
  }

  /** The lease of an open story once its version passes `after`, or after `waitMs` as it is. */
  async watchEditing(storyId: string, after: number, waitMs: number): Promise<EditingState> {
    const entry = this.open.get(storyId)
    if (!entry)
      throw new AppError('NOT_FOUND', 'This story is not open for editing here.', { id: storyId })
    if (entry.version <= after && waitMs > 0)
      await new Promise<void>((resolve) => {
        const done = () => {
          cancel()
          entry.changed.delete(done)
          resolve()
        }
        const cancel = this.timer(done, waitMs)
        entry.changed.add(done)
      })
    return this.state(storyId, entry)
  }

  /** The editor closed the story: stop renewing and let the lease go (true when the desk had it). */
  async closeEditing(storyId: string): Promise<{ released: boolean }> {
    const entry = this.open.get(storyId)
    if (!entry) return { released: false }
    entry.openers -= 1
    if (entry.openers > 0) return { released: false }
    this.open.delete(storyId)
    entry.cancel?.()
    for (const wake of [...entry.changed]) wake()
    await entry.turn
    const client = this.options.client()
    const held = entry.lease.state === 'yours' || entry.lease.state === 'offline'
    // Opened again meanwhile (a window reloaded): the lease is wanted still.
    if (client === null || !held || this.open.has(storyId)) return { released: false }
    // Not reached: the lease runs out on its own within the desk's lease time.
    const answer = await client
      .releaseLease({ id: storyId }, this.limit())
      .catch(() => ({ released: false }))
    if (answer.released) this.list = null
    return { released: answer.released }
  }

  /** The window went or the app quits: every lease goes. */
  async closeAll(): Promise<void> {
    await Promise.all(
      [...this.open.keys()].map(async (id) => {
        const entry = this.open.get(id)
        if (entry) entry.openers = 1
        await this.closeEditing(id)
      }),
    )
  }

  /** A desk chief takes another person's lease, with a note the holder is shown. */
  async takeOverLease(storyId: string, note: string): Promise<EditingState> {
    const client = this.options.client()
    if (client === null)
      throw new AppError('REFUSED', 'This workstation has not joined a desk.', {
        reason: 'standalone',
      })
    if (!this.options.isDeskChief())
      throw new AppError('FORBIDDEN', 'Only a desk chief can take a story over.', {
        reason: 'not-desk-chief',
      })
    let lease: StoryLease
    try {
      lease = (await client.takeOverLease({ id: storyId, note }, this.limit())).lease
    } catch (error) {
      throw takeOverRefusal(error)
    }
    this.list = null
    const entry = this.open.get(storyId)
    if (!entry) return { storyId, version: this.version, lease: leaseState(lease, false) }
    await this.inTurn(storyId, entry, async () => leaseState(lease, false))
    return this.state(storyId, entry)
  }

  /** The desk's feed says a story's lease changed: ask again now if it is open here. */
  leaseChanged(storyId: string): void {
    this.list = null
    const entry = this.open.get(storyId)
    if (!entry || entry.lease.state === 'taken-over') return
    entry.cancel?.()
    void this.inTurn(storyId, entry, () => this.ask(storyId, 'renew'))
  }

  /** Other people's live leases, as the desk listed them (kept a little while), none offline at first. */
  async listLeases(): Promise<{ leases: LeaseLine[] }> {
    const client = this.options.client()
    if (client === null) return { leases: [] }
    const now = this.options.clock.now().getTime()
    if (this.list === null || now - this.list.at > (this.options.listMaxAgeMs ?? 15_000))
      this.list = await this.readList(client, now).catch(() => this.list)
    const leases: LeaseLine[] = []
    for (const [storyId, lease] of this.list?.leases ?? [])
      if (!lease.yours && Date.parse(lease.expiresAt) > now)
        leases.push({ storyId, holder: lease.holder.name, since: lease.since })
    return { leases }
  }

  /** The desk's live leases in one call: never the story list, 20 pages at 10,000 stories. */
  private async readList(client: DeskClient, now: number) {
    const { leases } = await client.listLeases({}, this.limit())
    return { at: now, leases: new Map(leases.map((lease) => [lease.storyId, lease])) }
  }

  /** Asks the desk for the lease and schedules the next ask: renewal well before it expires. */
  private async ask(storyId: string, how: 'acquire' | 'renew'): Promise<EditingLease> {
    const client = this.options.client()
    if (client === null) return { state: 'standalone' }
    const input = { id: storyId }
    const init = this.limit()
    try {
      const { lease } =
        how === 'acquire'
          ? await client.acquireLease(input, init)
          : await client.renewLease(input, init)
      return leaseState(lease, this.options.isDeskChief())
    } catch (error) {
      return refusedState(error, this.options.isDeskChief())
    }
  }

  private async inTurn(
    storyId: string,
    entry: Open,
    work: () => Promise<EditingLease>,
  ): Promise<void> {
    const run = entry.turn.then(async () => {
      if (this.open.get(storyId) !== entry) return
      const lease = await work()
      if (this.open.get(storyId) !== entry) return
      if (JSON.stringify(lease) !== JSON.stringify(entry.lease)) {
        this.version += 1
        entry.version = this.version
        entry.lease = lease
        for (const wake of [...entry.changed]) wake()
      }
      this.schedule(storyId, entry)
    })
    entry.turn = run.catch(() => undefined)
    await run
  }

  private schedule(storyId: string, entry: Open): void {
    entry.cancel?.()
    entry.cancel = null
    const lease = entry.lease
    if (lease.state === 'standalone' || lease.state === 'taken-over') return
    const retry = this.options.retryMs ?? 15_000
    // A third of what is left: two more tries before it lapses, however slow the desk answers.
    const wait =
      lease.state === 'yours'
        ? Math.max(1000, (Date.parse(lease.expiresAt) - this.options.clock.now().getTime()) / 3)
        : retry
    entry.cancel = this.timer(() => {
      void this.inTurn(storyId, entry, () => this.ask(storyId, 'renew')).catch(() => undefined)
    }, wait)
  }

  private state(storyId: string, entry: Open): EditingState {
    return { storyId, version: entry.version, lease: entry.lease }
  }

  /** The client's own limit (a desk that does not answer is offline) unless this keeper has one. */
  private limit(): { timeoutMs?: number } {
    const ms = this.options.callTimeoutMs
    return ms === undefined ? {} : { timeoutMs: ms }
  }
}

function leaseState(lease: StoryLease, canTakeOver: boolean): EditingLease {
  if (lease.yours) return { state: 'yours', since: lease.since, expiresAt: lease.expiresAt }
  return { state: 'held', holder: lease.holder.name, since: lease.since, canTakeOver }
}

function refusedState(error: unknown, canTakeOver: boolean): EditingLease {
  if (error instanceof DeskError) {
    if (error.code === 'NOT_FOUND') return { state: 'not-on-desk' }
    const held = LeaseHeldDetails.safeParse(error.details)
    if (error.code === 'REFUSED' && held.success)
      return { state: 'held', holder: held.data.holder.name, since: held.data.since, canTakeOver }
    const lost = LeaseLostDetails.safeParse(error.details)
    if (error.code === 'CONFLICT' && lost.success)
      return {
        state: 'taken-over',
        takenBy: lost.data.takenBy.name,
        at: lost.data.at,
        note: lost.data.note,
      }
  }
  return { state: 'offline', reason: error instanceof Error ? error.message : String(error) }
}

function takeOverRefusal(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof DeskError) {
    if (error.code === 'FORBIDDEN')
      return new AppError('FORBIDDEN', message, { reason: 'not-desk-chief' })
    if (error.code === 'NOT_FOUND')
      return new AppError('REFUSED', 'This story has not reached the desk yet.', {
        reason: 'not-on-desk',
      })
    if (error.code === 'INVALID_INPUT') return new AppError('INVALID_INPUT', message)
  }
  return new AppError('REFUSED', `The desk could not be reached: ${message}`, { reason: 'offline' })
}
