import type { Clock } from '../../shared/domain/Clock'
import { messageOf, type OutboxLog } from './OutboxContext'

/**
 * The outbox's delivery loop: runs `work` at the next due time by the Clock (`nextDue`), and at
 * least every `pollMs`, so it also picks up what other server processes queued. One run at a time.
 */
export class OutboxLoop {
  private running: Promise<number> | null = null
  private ticking: Promise<void> | null = null
  private timer: NodeJS.Timeout | undefined
  private started = false

  constructor(
    private readonly work: () => Promise<number>,
    private readonly nextDue: () => Promise<Date | null>,
    private readonly clock: Clock,
    private readonly pollMs: number,
    private readonly log: OutboxLog,
  ) {}

  /** Runs `work` now; concurrent calls share one run. Answers how many items it handled. */
  drain(): Promise<number> {
    this.running ??= this.work().finally(() => {
      this.running = null
    })
    return this.running
  }

  start(): void {
    this.started = true
    this.schedule(0)
  }

  /** Stops the loop and waits for a run under way. */
  async stop(): Promise<void> {
    this.started = false
    clearTimeout(this.timer)
    await this.ticking
    await this.running
  }

  /** Something was queued: run soon rather than at the next poll. */
  wake(): void {
    if (this.started) this.schedule(0)
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = null
      })
    }, delayMs)
    this.timer.unref()
  }

  private async tick(): Promise<void> {
    let delay = this.pollMs
    try {
      await this.drain()
      const next = this.started ? await this.nextDue() : null
      if (next !== null)
        delay = Math.max(0, Math.min(this.pollMs, next.getTime() - this.clock.now().getTime()))
    } catch (error) {
      this.log('error', 'The outbox could not send its due pushes; it tries again soon.', {
        error: messageOf(error),
      })
    }
    if (this.started) this.schedule(delay)
  }
}
