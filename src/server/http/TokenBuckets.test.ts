import { describe, expect, it } from 'vitest'
import type { Clock } from '../../shared/domain/Clock'
import { MAX_KEYS, TokenBuckets } from './TokenBuckets'

function movableClock(): Clock & { advance(ms: number): void } {
  let at = Date.parse('2026-12-01T08:00:00Z')
  return { now: () => new Date(at), advance: (ms) => (at += ms) }
}

describe('TokenBuckets (the desk server’s rate limits)', () => {
  it('grants a burst, then says how long until the next token, refilling with the clock', () => {
    const clock = movableClock()
    const buckets = new TokenBuckets({ burst: 3, perSecond: 0.5 }, clock)
    expect([1, 2, 3].map(() => buckets.take('a'))).toEqual([null, null, null])
    expect(buckets.take('a')).toBe(2)
    expect(buckets.take('b')).toBeNull()
    clock.advance(1_000)
    expect(buckets.take('a')).toBe(1)
    clock.advance(1_000)
    expect(buckets.take('a')).toBeNull()
    expect(buckets.take('a')).toBe(2)
    // Never more than the burst, however long it was idle.
    clock.advance(3_600_000)
    expect([1, 2, 3, 4].map(() => buckets.take('a'))).toEqual([null, null, null, 2])
  })

  it('keeps a bounded number of keys under a flood of new ones, limits still holding for the live ones', () => {
    const clock = movableClock()
    const buckets = new TokenBuckets({ burst: 1, perSecond: 0.001 }, clock)
    expect(buckets.take('busy')).toBeNull()
    for (let i = 0; i < MAX_KEYS + 10; i += 1) buckets.take(`flood-${i}`)
    expect(buckets.size).toBeLessThanOrEqual(MAX_KEYS)
    expect(buckets.take(`flood-${MAX_KEYS + 9}`)).not.toBeNull()
  })
})
