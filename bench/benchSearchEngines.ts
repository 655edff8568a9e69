import MiniSearch, { type Options } from 'minisearch'
import { performance } from 'node:perf_hooks'
import type { Article } from '../src/shared/domain/Article'
import { searchableText, searchTerms } from '../src/shared/domain/searchTerms'
import { SearchIndex } from '../src/main/store/SearchIndex'
import { ms, percentile, type Row } from './benchTable'

type Doc = { id: string; text: string }

/** What each engine must do for the store: build, answer "every word begins a word", save, load. */
type Engine = {
  name: string
  build: (docs: Doc[]) => void
  match: (query: string) => Set<string>
  snapshot: () => string
  load: (text: string) => void
}

/** The store's own index; its snapshot as SearchSnapshotFile writes it (postings in base64). */
function handWritten(): Engine {
  let index = new SearchIndex()
  return {
    name: 'hand-written index',
    build: (docs) => {
      for (const doc of docs) index.put(doc.id, () => doc.text)
      index.settle()
    },
    match: (query) => index.match(query) ?? new Set(),
    snapshot: () => {
      const { ids, terms, counts, postings } = index.snapshot()
      const bytes = Buffer.from(postings.buffer, postings.byteOffset, postings.byteLength)
      return JSON.stringify({ ids, terms, counts, postings: bytes.toString('base64') })
    },
    load: (text) => {
      const saved: unknown = JSON.parse(text)
      if (!isSaved(saved)) throw new Error('not a saved index')
      const bytes = Buffer.from(saved.postings, 'base64')
      const postings = new Int32Array(bytes.length / 4)
      new Uint8Array(postings.buffer).set(bytes)
      index = new SearchIndex()
      index.restore({ ...saved, postings }, () => true)
    },
  }
}

function isSaved(
  data: unknown,
): data is { ids: string[]; terms: string[]; counts: number[]; postings: string } {
  return typeof data === 'object' && data !== null && 'postings' in data
}

/**
 * MiniSearch with the store's own word splitting and folding, so both engines see the same words:
 * prefix search on every query word, all of them required (AND).
 */
function miniSearch(): Engine {
  const options: Options<Doc> = {
    fields: ['text'],
    tokenize: (text: string) => searchTerms(text),
    processTerm: (term: string) => term,
    searchOptions: { prefix: true, combineWith: 'AND' },
  }
  let engine = new MiniSearch<Doc>(options)
  return {
    name: 'MiniSearch 7.2',
    build: (docs) => engine.addAll(docs),
    match: (query) => {
      // MiniSearch would search the whole index for a query without words; the store lists all.
      if (searchTerms(query).length === 0) return new Set()
      return new Set(engine.search(query).map((result) => String(result.id)))
    },
    snapshot: () => JSON.stringify(engine),
    load: (text) => {
      engine = MiniSearch.loadJSON<Doc>(text, options)
    },
  }
}

async function heapNow(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc
  for (let i = 0; i < 3; i += 1) {
    gc?.()
    await new Promise((resolve) => setImmediate(resolve))
  }
  // Typed arrays live outside the JS heap: count both.
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
}

/**
 * The hand-written index beside MiniSearch on the same texts and the same queries, the texts already
 * in memory (reading the files is the same for both): build time, query p95, memory, snapshot size,
 * load time, and whether both found the same articles for every query.
 */
export async function benchSearchEngines(
  corpus: Article[],
  queries: string[],
  rounds: number,
): Promise<Row[]> {
  const docs = corpus.map((article) => ({ id: article.id, text: searchableText(article) }))
  const results = new Map<string, Map<string, Set<string>>>()
  const measured: {
    name: string
    buildMs: number
    p95: number
    mb: number
    kb: number
    loadMs: number
  }[] = []
  for (const engine of [handWritten(), miniSearch()]) {
    const before = await heapNow()
    const buildStart = performance.now()
    engine.build(docs)
    const buildMs = performance.now() - buildStart
    const mb = ((await heapNow()) - before) / 2 ** 20
    const times: number[] = []
    const found = new Map<string, Set<string>>()
    for (let round = 0; round <= rounds; round += 1)
      for (const query of queries) {
        const start = performance.now()
        const hits = engine.match(query)
        if (round > 0) times.push(performance.now() - start)
        found.set(query, hits)
      }
    results.set(engine.name, found)
    const saved = engine.snapshot()
    const loadStart = performance.now()
    engine.load(saved)
    const loadMs = performance.now() - loadStart
    measured.push({
      name: engine.name,
      buildMs,
      p95: percentile(times, 95),
      mb,
      kb: Buffer.byteLength(saved) / 1024,
      loadMs,
    })
  }
  const [own, mini] = measured
  const ownFound = results.get(own?.name ?? '')
  const miniFound = results.get(mini?.name ?? '')
  const differ = queries.filter((query) => {
    const a = ownFound?.get(query) ?? new Set()
    const b = miniFound?.get(query) ?? new Set()
    return a.size !== b.size || [...a].some((id) => !b.has(id))
  })
  if (!own || !mini) return []
  const n = corpus.length
  const ratio = (a: number, b: number) => `${(b / a).toFixed(1)}×`
  return [
    {
      measure: `search engine build from ${n} texts in memory (${own.name} / ${mini.name})`,
      value: `${(own.buildMs / 1000).toFixed(1)} s`,
      baseline: `MiniSearch ${(mini.buildMs / 1000).toFixed(1)} s`,
      ratio: `${ratio(own.buildMs, mini.buildMs)} faster`,
      target: '',
      pass: null,
    },
    {
      measure: `search engine query p95, ${queries.length} queries × ${rounds}, ${n} articles`,
      value: ms(own.p95),
      baseline: `MiniSearch ${ms(mini.p95)}`,
      ratio: `${ratio(own.p95, mini.p95)} faster`,
      target: '< 10 ms',
      pass: own.p95 < 10,
      note:
        differ.length === 0
          ? 'both engines found the same articles for every query'
          : `the engines differ on: ${differ.join(', ')}`,
    },
    {
      measure: `search engine memory, ${n} articles`,
      value: `${own.mb.toFixed(0)} MB`,
      baseline: `MiniSearch ${mini.mb.toFixed(0)} MB`,
      ratio: `${ratio(own.mb, mini.mb)} smaller`,
      target: '',
      pass: null,
    },
    {
      measure: `search engine snapshot size / load, ${n} articles`,
      value: `${(own.kb / 1024).toFixed(1)} MB / ${ms(own.loadMs)}`,
      baseline: `MiniSearch ${(mini.kb / 1024).toFixed(1)} MB / ${ms(mini.loadMs)}`,
      ratio: `${ratio(own.kb, mini.kb)} smaller`,
      target: '',
      pass: null,
    },
  ]
}
