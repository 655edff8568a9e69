import { describe, expect, it } from 'vitest'
import { diffArticles } from './diffArticles'
import { newArticle } from './newArticle'

const base = newArticle({ id: crypto.randomUUID(), author: 'A', now: '2026-01-23T10:00:00.000Z' })

describe('diffArticles on sources', () => {
  // Regression (L9): History's diff read only `url`, so a refused link changing (or fixed into a
  // good one) showed as no change at all.
  it('shows a refused link changing, and being fixed', () => {
    const before = { ...base, sources: [{ name: 'Wire', invalidUrl: 'javascript:alert(1)' }] }
    const after = { ...base, sources: [{ name: 'Wire', invalidUrl: 'ftp://wire.example/' }] }
    expect(diffArticles(before, after).fields).toEqual([
      {
        field: 'sources',
        label: 'Sources',
        before: 'Wire <javascript:alert(1)> (not an http(s) link)',
        after: 'Wire <ftp://wire.example/> (not an http(s) link)',
      },
    ])
    const fixed = { ...base, sources: [{ name: 'Wire', url: 'https://wire.example/' }] }
    expect(diffArticles(after, fixed).fields[0]?.after).toBe('Wire <https://wire.example/>')
  })

  it('names a source with no name as such', () => {
    const after = { ...base, sources: [{ name: '', url: 'https://nameless.example/' }] }
    expect(diffArticles(base, after).fields[0]?.after).toBe('(no name) <https://nameless.example/>')
  })
})
