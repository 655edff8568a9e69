import { describe, expect, it } from 'vitest'
import { unstorableText } from './unstorableText'

const NUL = 'text may not contain the NUL character (U+0000)'
const SURROGATE = 'text must be well-formed Unicode (it holds half of a surrogate pair)'

describe('unstorableText (what PostgreSQL cannot store is refused before any handler)', () => {
  it('names the first text or key holding NUL or a lone surrogate, by its path', () => {
    expect(unstorableText({ document: { headline: 'fine', tags: ['a', 'b\u0000c'] } })).toEqual({
      path: 'document.tags.1',
      problem: NUL,
    })
    expect(unstorableText({ ['k\u0000']: 1 })).toEqual({ path: 'k\u0000', problem: NUL })
    expect(unstorableText('\u0000')).toEqual({ path: '', problem: NUL })
    for (const text of ['a\ud800b', 'a\udc00', '\ud800', 'x\udfff\ud800'])
      expect(unstorableText({ deck: text }), JSON.stringify(text)).toEqual({
        path: 'deck',
        problem: SURROGATE,
      })
  })

  it('passes SQL metacharacters, emoji (whole surrogate pairs) and other values', () => {
    expect(
      unstorableText({
        note: "'; drop table articles; --",
        emoji: '📰\ud83d\udcf0',
        n: 1,
        none: null,
      }),
    ).toBeNull()
  })

  it('walks a body nested 100,000 deep without overflowing the stack', () => {
    let deep: unknown = ['x\u0000']
    for (let i = 0; i < 100_000; i += 1) deep = [deep]
    expect(unstorableText(deep)?.path).toMatch(/^(0\.){100000}0$/)
  })
})
