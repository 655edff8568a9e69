import type { Clock } from '../../shared/domain/Clock'

/** The desk's Date header counts whole seconds, and an answer takes time: smaller moves are noise. */
const NOTICED_MS = 60_000

/**
 * How far this computer's clock is from the desk's, from the Date header of the desk's answers.
 * Only said, never used to order anything: sync orders changes by the desk's revisions.
 */
export class ClockSkew {
  private skewMs: number | null = null
  private listeners: (() => void)[] = []

  constructor(private readonly clock: Clock) {}

  /** Positive: this computer is ahead of the desk. Null before the desk first answered. */
  get ms(): number | null {
    return this.skewMs
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener)
  }

  /** `fetch`, noting the desk's time from each answer. */
  watch(base: typeof fetch): typeof fetch {
    return async (input, init) => {
      const response = await base(input, init)
      this.heard(response.headers.get('date'))
      return response
    }
  }

  heard(date: string | null): void {
    const desk = date === null ? Number.NaN : Date.parse(date)
    if (Number.isNaN(desk)) return
    const skew = Math.round(this.clock.now().getTime() - desk)
    if (this.skewMs !== null && Math.abs(skew - this.skewMs) < NOTICED_MS) return
    this.skewMs = skew
    for (const listener of this.listeners) listener()
  }
}
