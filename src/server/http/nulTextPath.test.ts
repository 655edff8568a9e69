import { describe, expect, it } from 'vitest'
import { nulTextPath } from './nulTextPath'

describe('nulTextPath (PostgreSQL stores no U+0000: such input is refused before any handler)', () => {
  it('names the first text or key holding NUL, by its path, and null when there is none', () => {
    expect(nulTextPath({ document: { headline: 'fine', tags: ['a', 'b\u0000c'] } })).toBe(
      'document.tags.1',
    )
    expect(nulTextPath({ ['k\u0000']: 1 })).toBe('k\u0000')
    expect(nulTextPath('\u0000')).toBe('')
    expect(nulTextPath({ note: "'; drop table articles; --", n: 1, none: null })).toBeNull()
  })

  it('walks a body nested 100,000 deep without overflowing the stack', () => {
    let deep: unknown = ['x\u0000']
    for (let i = 0; i < 100_000; i += 1) deep = [deep]
    expect(nulTextPath(deep)).toMatch(/^(0\.){100000}0$/)
  })
})
