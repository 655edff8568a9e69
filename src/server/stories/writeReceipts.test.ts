import { describe, expect, it } from 'vitest'
import { fingerprintOf } from './writeReceipts'

describe('fingerprintOf (what a replay must match)', () => {
  it('is the same whatever order the keys came in (bug: a heading with its attrs in another order was refused as another save)', () => {
    const heading = (attrs: Record<string, unknown>) => ({
      document: { body: { type: 'doc', content: [{ type: 'heading', attrs }] } },
      baseRevision: 3,
    })
    expect(fingerprintOf(heading({ level: 2, textAlign: 'left' }))).toBe(
      fingerprintOf(heading({ textAlign: 'left', level: 2 })),
    )
  })

  it('differs when a value differs, in arrays as in objects', () => {
    expect(fingerprintOf({ a: [1, 2] })).not.toBe(fingerprintOf({ a: [2, 1] }))
    expect(fingerprintOf({ a: { b: 1 } })).not.toBe(fingerprintOf({ a: { b: 2 } }))
  })
})
