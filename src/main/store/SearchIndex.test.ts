import { describe, expect, it } from 'vitest'
import { searchTerms } from '../../shared/domain/searchTerms'
import { SearchIndex } from './SearchIndex'

function indexOf(docs: Record<string, string>): SearchIndex {
  const index = new SearchIndex()
  for (const [id, text] of Object.entries(docs)) index.put(id, () => text)
  return index
}

const sorted = (ids: Set<string> | null) => (ids ? [...ids].sort() : ids)

describe('SearchIndex', () => {
  const index = indexOf({
    a: 'India and Japan bolster strategic ties',
    b: 'Monsoon harvest in Kerala',
    c: 'Japan’s semiconductor push, Évora summit',
  })

  it('finds documents in which every query word begins a word', () => {
    expect(sorted(index.match('japan'))).toEqual(['a', 'c'])
    expect(sorted(index.match('Jap strat'))).toEqual(['a'])
    expect(sorted(index.match('japan monsoon'))).toEqual([])
    expect(sorted(index.match('pan'))).toEqual([])
  })

  it('ignores case, accents and punctuation on both sides', () => {
    expect(sorted(index.match('EVORA'))).toEqual(['c'])
    expect(sorted(index.match('évora,'))).toEqual(['c'])
    expect(sorted(index.match('semi-conductor'))).toEqual([])
    expect(sorted(index.match('semiconductor'))).toEqual(['c'])
  })

  it('matches one-letter prefixes against the whole vocabulary', () => {
    expect(sorted(index.match('k'))).toEqual(['b'])
    expect(sorted(index.match('s'))).toEqual(['a', 'c'])
  })

  it('answers null to a query with no words, so the caller lists everything', () => {
    expect(index.match('  ,;  ')).toBeNull()
  })

  it('forgets a document’s old words when it is indexed again', () => {
    const changing = indexOf({ a: 'old headline about trade' })
    changing.put('a', () => 'new headline about energy')
    expect(sorted(changing.match('trade'))).toEqual([])
    expect(sorted(changing.match('energy'))).toEqual(['a'])
    expect(changing.size).toBe(1)
  })

  it('reads a text only when a query needs it, and only its latest version', () => {
    const reads: string[] = []
    const lazy = new SearchIndex()
    for (const version of ['one', 'two', 'three'])
      lazy.put('a', () => {
        reads.push(version)
        return version
      })
    expect(reads).toEqual([])
    expect(sorted(lazy.match('three'))).toEqual(['a'])
    expect(reads).toEqual(['three'])
  })

  it('removes documents', () => {
    const shrinking = indexOf({ a: 'trade', b: 'trade' })
    shrinking.remove('a')
    expect(sorted(shrinking.match('trade'))).toEqual(['b'])
  })

  it('gives the same answers after compacting many re-indexed documents', () => {
    const busy = indexOf({ steady: 'budget session opens' })
    for (let save = 0; save < 2_000; save += 1) {
      busy.put('typed', () => `draft number ${save} about the budget`)
      if (save % 10 === 0) expect(sorted(busy.match('budget'))).toHaveLength(2)
    }
    expect(sorted(busy.match('budget'))).toEqual(['steady', 'typed'])
    expect(sorted(busy.match('1999'))).toEqual(['typed'])
    expect(sorted(busy.match('1998'))).toEqual([])
    expect(busy.size).toBe(2)
  })
})

describe('SearchIndex snapshots', () => {
  it('answers the same after a snapshot is restored into a fresh index', () => {
    const original = indexOf({
      a: 'India and Japan bolster strategic ties',
      b: 'Monsoon harvest in Kerala',
      c: 'Japan’s semiconductor push',
    })
    original.put('b', () => 'Monsoon rains reach Kerala early')
    const copy = new SearchIndex()
    copy.restore(original.snapshot(), () => true)
    for (const query of ['japan', 'kerala rains', 'harvest', 'semi', 'k', 'zzz'])
      expect(sorted(copy.match(query)), query).toEqual(sorted(original.match(query)))
    expect(copy.size).toBe(3)
  })

  it('leaves out documents whose text is no longer current, and keeps newer ones put meanwhile', () => {
    const saved = indexOf({ a: 'old text about trade', b: 'budget session', c: 'court verdict' })
    const snapshot = saved.snapshot()
    const loading = new SearchIndex()
    loading.put('a', () => 'new text about energy')
    loading.restore(snapshot, (id) => id !== 'c')
    expect(sorted(loading.match('trade'))).toEqual([])
    expect(sorted(loading.match('energy'))).toEqual(['a'])
    expect(sorted(loading.match('budget'))).toEqual(['b'])
    expect(sorted(loading.match('verdict'))).toEqual([])
    expect(loading.has('c')).toBe(false)
  })
})

describe('SearchIndex against a plain scan', () => {
  /** The answer by definition: documents in which every query word begins one of their words. */
  const scan = (docs: Map<string, string>, query: string) => {
    const words = searchTerms(query)
    return [...docs]
      .filter(([, text]) => {
        const terms = searchTerms(text)
        return words.every((word) => terms.some((term) => term.startsWith(word)))
      })
      .map(([id]) => id)
      .sort()
  }

  it('answers as the scan does through puts, removes, compactions, snapshots and restores', () => {
    let state = 7
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648
      return state / 2147483648
    }
    const vocabulary = ['trade', 'trader', 'tea', 'évora', 'kerala', 'budget', 'bud', 'दिल्ली', 'k2']
    // Common words (kept as bitmaps) and rare ones, in a document or two (kept as lists).
    const text = () =>
      [
        ...Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(vocabulary, random)),
        random() < 0.5 ? `rare${Math.floor(random() * 400)}` : '',
      ].join(' ')
    const docs = new Map<string, string>()
    let index = new SearchIndex()
    const queries = [
      't',
      'tra',
      'trader',
      'evora',
      'ÉVORA',
      'bud kerala',
      'दि',
      'k',
      'k2 tea',
      'zz',
    ]
    for (let step = 0; step < 3_000; step += 1) {
      const id = `d${Math.floor(random() * 60)}`
      const roll = random()
      if (roll < 0.7) {
        const words = text()
        docs.set(id, words)
        index.put(id, () => words)
      } else if (roll < 0.85) {
        docs.delete(id)
        index.remove(id)
      } else if (roll < 0.9) {
        // A restart: the saved index loaded into a fresh one.
        const copy = new SearchIndex()
        copy.restore(index.snapshot(), () => true)
        index = copy
      } else if (roll < 0.93) {
        // A restore into an index that already holds documents, as when saves land during a load.
        const copy = new SearchIndex()
        const newer = [...docs].slice(0, 3)
        for (const [doc, words] of newer) copy.put(doc, () => words)
        copy.flush()
        copy.restore(index.snapshot(), () => true)
        index = copy
      }
      if (step % 50 === 0)
        for (const query of queries)
          expect(sorted(index.match(query)), `${query} at step ${step}`).toEqual(scan(docs, query))
    }
  })
})

function pick<T>(items: T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new Error('empty list')
  return item
}
