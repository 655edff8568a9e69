import { describe, expect, it } from 'vitest'
import { pauseDelay } from './pauseDelay'

describe('pauseDelay', () => {
  it('waits for the pause while the oldest change is young', () => {
    expect(pauseDelay(1000, 1000, 250, 2000)).toBe(250)
    expect(pauseDelay(1000, 2500, 250, 2000)).toBe(250)
  })

  it('shortens the wait to the max wait of the oldest change, and never below zero', () => {
    expect(pauseDelay(1000, 2900, 250, 2000)).toBe(100)
    expect(pauseDelay(1000, 3000, 250, 2000)).toBe(0)
    expect(pauseDelay(1000, 9000, 250, 2000)).toBe(0)
  })
})
