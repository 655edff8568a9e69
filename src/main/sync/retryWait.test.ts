import { expect, it } from 'vitest'
import { DeskError } from '../../shared/desk/DeskError'
import { retryWait } from './SyncEngine'

const nothingAnswered = new DeskError('UNAVAILABLE', 'Cannot reach the desk', { unanswered: true })
const busy = new DeskError('UNAVAILABLE', 'The desk answered HTTP 503')

// Issue 15: a desk stopped for a minute left the engine waiting up to 30 s after it came back, so
// a story submitted offline reached the chief's queue half a minute late, not within two seconds.
it('while nothing answers at all, it asks again at least every second; a troubled desk gets doubling waits', () => {
  expect([1, 2, 3, 4, 10].map((n) => retryWait(n, nothingAnswered, undefined))).toEqual([
    500, 1000, 1000, 1000, 1000,
  ])
  expect([1, 2, 3, 4, 10].map((n) => retryWait(n, busy, undefined))).toEqual([
    500, 1000, 2000, 4000, 30_000,
  ])
  expect(retryWait(6, new Error('disk'), { firstMs: 20, maxMs: 200 })).toBe(200)
})
