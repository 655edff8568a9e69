import type { Clock } from '../../shared/domain/Clock'

/** A token bucket's shape: `burst` requests at once, refilled at `perSecond`. */
export type BucketRate = { burst: number; perSecond: number }

type Bucket = { tokens: number; at: number }

/** Keys kept at most; past it, buckets that have refilled completely (idle keys) are dropped. */
export const MAX_KEYS = 50_000

/**
 * In-memory rate limits, one bucket per key (an address, a token's hash). Per process, like the
 * parked feed requests: behind a load balancer each server limits what reaches it. The time comes
 * from the Clock, so tests move it instead of sleeping.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    private readonly rate: BucketRate,
    private readonly clock: Clock,
  ) {}

  /** How many keys are kept now. */
  get size(): number {
    return this.buckets.size
  }

  /** Takes one token for `key`: null when granted, else the whole seconds until one is back. */
  take(key: string): number | null {
    const now = this.clock.now().getTime()
    const bucket = this.refilled(this.buckets.get(key), now)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      this.buckets.set(key, bucket)
      if (this.buckets.size > MAX_KEYS) this.prune(now)
      return null
    }
    this.buckets.set(key, bucket)
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate.perSecond))
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.rate.burst, at: now }
    const elapsed = Math.max(0, now - bucket.at) / 1000
    return {
      tokens: Math.min(this.rate.burst, bucket.tokens + elapsed * this.rate.perSecond),
      at: now,
    }
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets)
      if (this.refilled(bucket, now).tokens >= this.rate.burst) this.buckets.delete(key)
    // Still too many (a flood from as many addresses): the oldest go, so memory stays bounded.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= MAX_KEYS * 0.9) break
      this.buckets.delete(key)
    }
  }
}
