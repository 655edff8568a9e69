import { describe, expect, it } from 'vitest'
import { foldedAscii, searchTerms } from '../../shared/domain/searchTerms'
import { SearchIndex, type SearchSnapshot } from './SearchIndex'

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

  // A million-odd postings a segment in the app; three too, so that every few words are set aside.
  it.each([
    { sealAt: undefined, every: 'million-odd' },
    { sealAt: 3, every: 'three' },
  ])(
    'answers as the scan does through puts, removes, compactions, snapshots and restores (postings set aside every $every)',
    ({ sealAt }) => {
      let state = 7
      const random = () => {
        state = (state * 1103515245 + 12345) % 2147483648
        return state / 2147483648
      }
      const vocabulary = [
        'trade',
        'trader',
        'tea',
        'évora',
        'kerala',
        'budget',
        'bud',
        'दिल्ली',
        'k2',
      ]
      // Common words (kept as bitmaps) and rare ones, in a document or two (kept as lists).
      const text = () =>
        [
          ...Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(vocabulary, random)),
          random() < 0.5 ? `rare${Math.floor(random() * 400)}` : '',
        ].join(' ')
      const docs = new Map<string, string>()
      let index = new SearchIndex(sealAt)
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
          const copy = new SearchIndex(sealAt)
          copy.restore(index.snapshot(), () => true)
          index = copy
        } else if (roll < 0.93) {
          // A restore into an index that already holds documents, as when saves land during a load.
          const copy = new SearchIndex(sealAt)
          const newer = [...docs].slice(0, 3)
          for (const [doc, words] of newer) copy.put(doc, () => words)
          copy.flush()
          copy.restore(index.snapshot(), () => true)
          index = copy
        }
        if (step % 50 === 0)
          for (const query of queries)
            expect(sorted(index.match(query)), `${query} at step ${step}`).toEqual(
              scan(docs, query),
            )
      }
    },
  )
})

describe('SearchIndex built from ASCII copy (words found by their chars, without searchTerms)', () => {
  /** The snapshot an index must give, by definition: searchTerms' words, numbered as first seen. */
  const expectedSnapshot = (docs: [string, string][]) => {
    const postings = new Map<string, number[]>()
    docs.forEach(([, text], doc) => {
      for (const term of searchTerms(text)) {
        const list = postings.get(term) ?? []
        if (list.at(-1) !== doc) list.push(doc)
        postings.set(term, list)
      }
    })
    return {
      ids: docs.map(([id]) => id),
      terms: [...postings.keys()],
      counts: [...postings.values()].map((list) => list.length),
      postings: [...postings.values()].flat(),
    }
  }

  /**
   * Words of upper and lower case and digits, some very long, between punctuation and white space;
   * now and then a document has a char that lower-cases to ASCII (the Kelvin sign is "k"), one that
   * does not ("É"), or a control char, and goes the other way.
   */
  const asciiDocs = (count: number, seed: number): [string, string][] => {
    let state = seed
    const random = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0
      return state / 4294967296
    }
    const letters = 'abcxyzABCXYZ0189'
    const between = ' -_.,;:!?\'"()[]@/`{~\t\n\r'
    const rare = ['\u212a', 'É', '\u000b', 'é', '\u0000']
    const run = (from: string, length: number) =>
      Array.from({ length }, () => from.charAt(Math.floor(random() * from.length))).join('')
    const word = () =>
      run(
        letters,
        random() < 0.01 ? 200 + Math.floor(random() * 400) : 1 + Math.floor(random() * 7),
      ) + run(between, Math.floor(random() * 3))
    return Array.from({ length: count }, (_, doc) => {
      const words = Array.from({ length: Math.floor(random() * 120) }, word)
      if (random() < 0.15) words.splice(Math.floor(random() * words.length), 0, pick(rare, random))
      return [`d${doc}`, words.join('')]
    })
  }

  const scanned = (docs: [string, string][], query: string) =>
    docs
      .filter(([, text]) =>
        searchTerms(query).every((w) => searchTerms(text).some((t) => t.startsWith(w))),
      )
      .map(([id]) => id)
      .sort()

  const queries = ['a', 'ab', 'x0', '9', 'k', 'kelvin', 'zz yy', 'évora']

  it('indexes exactly the words, and in the order, that searchTerms gives', () => {
    const docs = asciiDocs(400, 11)
    const index = new SearchIndex()
    for (const [id, text] of docs) index.put(id, () => text)
    const snapshot = index.snapshot()
    const expected = expectedSnapshot(docs)
    expect(expected.terms.length).toBeGreaterThan(5_000)
    const otherPath = docs.filter(([, text]) => foldedAscii(text) === null).length
    expect(otherPath).toBeGreaterThan(10)
    expect(otherPath).toBeLessThan(100)
    expect(docs.some(([, text]) => searchTerms(text).some((term) => term.length > 100))).toBe(true)
    expect({ ...snapshot, postings: Array.from(snapshot.postings) }).toEqual(expected)
    for (const query of queries)
      expect(sorted(index.match(query)), query).toEqual(scanned(docs, query))
  })

  it('answers as a plain scan with new postings not packed yet, and once a query packs them', () => {
    const docs = asciiDocs(2_000, 12)
    const index = new SearchIndex()
    const few = docs.slice(0, 50)
    for (const [id, text] of few) index.put(id, () => text)
    for (const query of queries)
      expect(sorted(index.match(query)), query).toEqual(scanned(few, query))
    // Enough new postings that a query packs them first (more than 65,536).
    for (const [id, text] of docs.slice(50)) index.put(id, () => text)
    expect(expectedSnapshot(docs).postings.length).toBeGreaterThan(1 << 16)
    for (const query of queries)
      expect(sorted(index.match(query)), query).toEqual(scanned(docs, query))
    // Packed and logged postings together: each word's documents stay ascending.
    const more = asciiDocs(100, 13).map(([id, text]): [string, string] => [`more-${id}`, text])
    for (const [id, text] of more) index.put(id, () => text)
    const snapshot = index.snapshot()
    expect({ ...snapshot, postings: Array.from(snapshot.postings) }).toEqual(
      expectedSnapshot([...docs, ...more]),
    )
  })

  it('posts a word for a new document numbered as an old one was before a compaction', () => {
    // The bug this pins: the last document seen for each word, kept so a repeated word is posted
    // once, outlived a compaction; a new document given that old number then lost the word.
    const index = new SearchIndex()
    // Saved 514 times: its 513 dead copies set off a compaction, the last numbered 513.
    for (let save = 0; save < 514; save += 1) {
      index.put('a', () => 'target')
      expect(index.size).toBe(1)
    }
    // Renumbered 0; documents 1 to 512 lack the word, so 513 is the first to post it again.
    for (let doc = 1; doc <= 512; doc += 1) index.put(`filler${doc}`, () => 'filler')
    expect(index.size).toBe(513)
    index.put('b', () => 'target')
    expect(sorted(index.match('target'))).toEqual(['a', 'b'])
  })

  describe('merging a part indexed elsewhere (the search worker’s)', () => {
    const plain = (snapshot: SearchSnapshot) => ({
      ...snapshot,
      postings: Array.from(snapshot.postings),
    })
    /** Each word's documents by id: what a snapshot says, whatever the numbering. */
    const byTerm = (snapshot: SearchSnapshot) => {
      const docs = new Map<string, string[]>()
      let at = 0
      snapshot.terms.forEach((term, n) => {
        const count = snapshot.counts[n] ?? 0
        const ids = Array.from(
          snapshot.postings.subarray(at, at + count),
          (doc) => snapshot.ids[doc],
        )
        at += count
        if (count > 0) docs.set(term, ids.filter((id) => id !== undefined).sort())
      })
      return new Map([...docs].sort(([a], [b]) => (a < b ? -1 : 1)))
    }
    const indexed = (docs: [string, string][], sealAt?: number) => {
      const index = new SearchIndex(sealAt)
      for (const [id, text] of docs) index.put(id, () => text)
      index.flush()
      return index
    }
    const queries = ['a', 'ab', 'x0', '9', 'k', 'kelvin', 'zz yy', 'évora', 'c b a']

    it('answers the same once settled, every posting packed', () => {
      const docs = asciiDocs(300, 17)
      const index = indexed(docs, 50)
      const single = indexed(docs)
      index.settle()
      for (const query of queries)
        expect(sorted(index.match(query)), query).toEqual(sorted(single.match(query)))
      expect(plain(index.snapshot())).toEqual(plain(single.snapshot()))
    })

    it('gives the single build’s index when the second half comes as another index’s snapshot', () => {
      const docs = asciiDocs(600, 14)
      const single = indexed(docs)
      const main = indexed(docs.slice(0, 300), 500)
      main.restore(indexed(docs.slice(300), 500).snapshot(), () => true)
      for (const query of queries)
        expect(sorted(main.match(query)), query).toEqual(sorted(single.match(query)))
      // The same documents, words and numbers: the part's come after, its new words too.
      expect(plain(main.snapshot())).toEqual(plain(single.snapshot()))
    })

    it('finds the same documents by every word when the two took batches by turns', () => {
      const docs = asciiDocs(640, 15)
      const batches = Array.from({ length: 20 }, (_, n) => docs.slice(n * 32, n * 32 + 32))
      const main = indexed(batches.filter((_, n) => n % 3 !== 1).flat(), 700)
      main.restore(indexed(batches.filter((_, n) => n % 3 === 1).flat()).snapshot(), () => true)
      // Numbered differently from a single build, as batches were read: each word's documents are the same.
      const single = indexed(docs).snapshot()
      expect(byTerm(main.snapshot())).toEqual(byTerm(single))
      for (const query of queries)
        expect(sorted(main.match(query)), query).toEqual(sorted(indexed(docs).match(query)))
    })

    it('keeps the text put while the part was being made, not the part’s older copy of it', () => {
      const docs = asciiDocs(200, 16)
      const main = indexed(docs.slice(0, 100))
      const part = indexed([...docs.slice(100), ['saved', 'older budget text']]).snapshot()
      // Saves land during the build: one indexed by now, one still waiting to be.
      main.put('saved', () => 'newer trade text')
      main.flush()
      main.put('d150', () => 'rewritten entirely')
      main.restore(part, () => true)
      expect(sorted(main.match('budget'))).toEqual([])
      expect(sorted(main.match('older'))).toEqual([])
      expect(sorted(main.match('newer trade'))).toEqual(['saved'])
      expect(sorted(main.match('rewritten'))).toEqual(['d150'])
      const expected = indexed([
        ...docs.filter(([id]) => id !== 'd150'),
        ['saved', 'newer trade text'],
        ['d150', 'rewritten entirely'],
      ])
      expect(byTerm(main.snapshot())).toEqual(byTerm(expected.snapshot()))
      expect(main.size).toBe(201)
    })

    it('leaves out the part’s documents that `keep` refuses (an article gone meanwhile)', () => {
      const main = indexed([['a', 'alpha beta']])
      main.restore(
        indexed([
          ['b', 'beta gamma'],
          ['c', 'gamma delta'],
        ]).snapshot(),
        (id) => id !== 'b',
      )
      expect(sorted(main.match('beta'))).toEqual(['a'])
      expect(sorted(main.match('gamma'))).toEqual(['c'])
      expect(main.has('b')).toBe(false)
      expect(plain(main.snapshot())).toEqual(
        plain(
          indexed([
            ['a', 'alpha beta'],
            ['c', 'gamma delta'],
          ]).snapshot(),
        ),
      )
    })
  })
})

function pick<T>(items: T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new Error('empty list')
  return item
}
