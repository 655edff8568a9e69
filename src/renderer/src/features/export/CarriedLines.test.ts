import { describe, expect, it } from 'vitest'
import { CarriedLines } from './CarriedLines'

function fakeClock(start = Date.parse('2026-12-01T10:00:00Z')) {
  let now = start
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) }
}

describe('CarriedLines', () => {
  it('a line survives every reload within its few seconds, not only the first (CI run of stop 25)', () => {
    const clock = fakeClock()
    const lines = new CarriedLines(clock)
    lines.keep('a', 'Pushed to Webhook: the outbox below shows where it stands.')
    clock.advance(1_000)
    expect(lines.read('a')).toBe('Pushed to Webhook: the outbox below shows where it stands.')
    clock.advance(1_000)
    expect(lines.read('a')).toBe('Pushed to Webhook: the outbox below shows where it stands.')
    expect(lines.read('b')).toBeNull()
  })

  it('an old line is gone, and a cleared line stays cleared', () => {
    const clock = fakeClock()
    const lines = new CarriedLines(clock)
    lines.keep('a', 'Exported: a.json')
    clock.advance(5_000)
    expect(lines.read('a')).toBeNull()
    lines.keep('a', 'Checked WordPress')
    lines.keep('a', null)
    expect(lines.read('a')).toBeNull()
  })
})
