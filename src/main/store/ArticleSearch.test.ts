import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../../shared/domain/Article'
import { newArticle } from '../../shared/domain/newArticle'
import { summarize } from '../../shared/domain/summarize'
import { buildSearchWorker } from '../../../tests/support/buildSearchWorker'
import { tempDir } from '../../../tests/support/tempDir'
import type { IndexEntry, Location } from './ArticleIndex'
import { ArticleSearch } from './ArticleSearch'
import { claimBatch, readClaimedFiles } from './readClaimedFiles'
import { SearchIndex } from './SearchIndex'
import { startSearchWorker, type SearchHelper, type SearchJob } from './SearchWorker'
import { FileLogSink } from '../log/FileLogSink'
import { installLogSink } from '../log/log'

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  dir = await tempDir()
  await mkdir(join(dir.path, 'articles'))
})
/** Every search a test made: the copy each saves after its build is awaited before the folder goes. */
const searches: ArticleSearch[] = []
afterEach(async () => {
  await Promise.all(searches.splice(0).map((search) => search.idle()))
  await dir.cleanup()
})

const story = (headline: string, body: string): Article =>
  newArticle({
    id: randomUUID(),
    author: 'Asha',
    now: '2026-01-20T09:00:00Z',
    fields: {
      headline,
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: body }] }],
      },
    },
  })

/** Search over article files on disk, listed by an index as the store's would list them. */
function searchOver(
  files: { article: Article; text?: string }[],
  helper?: (job: SearchJob) => SearchHelper,
) {
  const entries = new Map<string, IndexEntry>(
    files.map(({ article }) => [
      article.id,
      { ...summarize(article), location: 'articles', mtimeMs: 0, size: 0 },
    ]),
  )
  const pathOf = (location: Location, id: string) => join(dir.path, location, `${id}.json`)
  const search = new ArticleSearch({
    dataDir: dir.path,
    index: { get: (id) => entries.get(id), all: () => [...entries.values()] },
    inQueue: (_id, task) => task(),
    pathOf,
    helper,
  })
  searches.push(search)
  const summaries = [...entries.values()]
  return {
    search,
    write: () =>
      Promise.all(
        files.map(({ article, text }) =>
          writeFile(pathOf('articles', article.id), text ?? JSON.stringify(article)),
        ),
      ),
    headlines: async (query: string) =>
      (await search.match(query, summaries))?.map((summary) => summary.headline),
  }
}

describe('ArticleSearch first build from the files', () => {
  it('skips a file it cannot read, or that is not an article where search reads, and finds the rest', async () => {
    const good = story('Monsoon arrives', 'Kerala gets rain.')
    const notJson = story('Cut short', 'Kerala floods.')
    const badShape = story('Wrong shape', 'Kerala dams.')
    const otherId = story('Copied file', 'Kerala ports.')
    const { search, write, headlines } = searchOver([
      { article: good },
      { article: notJson, text: '{"schemaVersion":1,"id":' },
      { article: badShape, text: JSON.stringify({ ...badShape, headline: 42 }) },
      { article: otherId, text: JSON.stringify({ ...otherId, id: randomUUID() }) },
    ])
    await write()
    await search.warm()
    expect(await headlines('kerala')).toEqual(['Monsoon arrives'])
  })

  it('keeps the text a save gave it during the build, not the older text of the file', async () => {
    // The file on disk still holds the older copy when the build comes to it; the save's text wins.
    const article = story('Budget', 'Fiscal deficit narrows.')
    const { search, write, headlines } = searchOver([{ article }])
    await write()
    const building = search.warm()
    search.written({ ...article, body: story('', 'Revenue surplus.').body, revision: 2 })
    await building
    expect(await headlines('surplus')).toEqual(['Budget'])
    expect(await headlines('deficit')).toEqual([])
  })

  it('finds words beyond ASCII, folded as a query folds them', async () => {
    const { search, write, headlines } = searchOver([
      { article: story('Summit in Évora', 'Delegates from São Paulo and Köln; 日本 trade.') },
      { article: story('Plain copy', 'Nothing else.') },
    ])
    await write()
    await search.warm()
    expect(await headlines('evora')).toEqual(['Summit in Évora'])
    expect(await headlines('SÃO köln')).toEqual(['Summit in Évora'])
    expect(await headlines('日本')).toEqual(['Summit in Évora'])
    expect(await headlines('delegates plain')).toEqual([])
  })
})

/**
 * The search worker's work done on this thread, so that a test decides when its part arrives: as
 * soon as it is started it reads as the worker does (`readClaimedFiles`, the worker's own loop),
 * every batch left or, like a worker that is slow to get going, just the first `batches`, leaving
 * the rest to the main thread; it hands its part over once `release` is called.
 */
function helperOnThisThread(options: { batches?: number; fails?: boolean } = {}) {
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let started = () => {}
  const start = new Promise<void>((resolve) => {
    started = resolve
  })
  const helper = (job: SearchJob): SearchHelper => {
    const index = new SearchIndex()
    const unread: string[] = []
    if (options.batches === undefined)
      unread.push(...readClaimedFiles(job.files, job.claims, job.batch, index))
    else
      for (let n = 0; n < options.batches; n += 1) {
        const from = claimBatch(job.claims, job.batch)
        const batch = job.files.slice(from, from + job.batch)
        unread.push(...readClaimedFiles(batch, new Int32Array(1), job.batch, index))
      }
    const snapshot = index.snapshot()
    started()
    return {
      done: released.then(() => {
        if (options.fails) throw new Error('worker crashed')
        return { snapshot, unread }
      }),
      stop: async () => {},
    }
  }
  return { helper, started: start, release }
}

describe('ArticleSearch first build with a helper thread (the search worker)', () => {
  /** Enough stories that the build starts a helper (it does not for a handful of files). */
  const desk = (count: number) =>
    Array.from({ length: count }, (_, i) => ({ article: story(`Story ${i}`, `Filler ${i}.`) }))

  it('keeps the text a save gave it during the build, not the older text the helper read', async () => {
    const target = story('Budget', 'Fiscal deficit narrows.')
    const { helper, started, release } = helperOnThisThread({ batches: 1 })
    const { search, write, headlines } = searchOver([{ article: target }, ...desk(300)], helper)
    await write()
    const building = search.warm()
    // The helper has read the file's older text; the save lands while this thread reads the other
    // batches, which index it, and the helper's part, with the older text, comes after.
    await started
    search.written({ ...target, body: story('', 'Revenue surplus.').body, revision: 2 })
    release()
    await building
    expect(await headlines('surplus')).toEqual(['Budget'])
    expect(await headlines('deficit')).toEqual([])
    expect(await headlines('filler')).toHaveLength(300)
  })

  it('reads again on this thread, in the article’s queue, a file the helper could not read', async () => {
    const late = story('Late file', 'Cyclone warning issued.')
    const { helper, started, release } = helperOnThisThread()
    const { search, write, headlines } = searchOver([...desk(300), { article: late }], helper)
    await write()
    await rm(join(dir.path, 'articles', `${late.id}.json`))
    const building = search.warm()
    // Gone when the helper came to it (being moved, say), back by the time its part is taken.
    await started
    await writeFile(join(dir.path, 'articles', `${late.id}.json`), JSON.stringify(late))
    release()
    await building
    expect(await headlines('cyclone')).toEqual(['Late file'])
    expect(await headlines('filler')).toHaveLength(300)
  })

  it('reads the helper’s files on this thread when the helper fails, and says so in the log', async () => {
    installLogSink(new FileLogSink(join(dir.path, 'logs')))
    const { helper, started, release } = helperOnThisThread({ batches: 3, fails: true })
    const { search, write, headlines } = searchOver(desk(300), helper)
    await write()
    const building = search.warm()
    await started
    release()
    await building
    expect(await headlines('filler')).toHaveLength(300)
    expect(await readFile(join(dir.path, 'logs', 'copydesk.log'), 'utf8')).toMatch(
      /\[warn\] \[search\] The search worker failed; reading its files on this thread/,
    )
  })

  it('starts no helper for a handful of files', async () => {
    const { helper } = helperOnThisThread({ fails: true })
    let asked = 0
    const { search, write, headlines } = searchOver(desk(20), (job) => {
      asked += 1
      return helper(job)
    })
    await write()
    await search.warm()
    expect(asked).toBe(0)
    expect(await headlines('filler')).toHaveLength(20)
  })
})

describe('ArticleSearch first build with the search worker (a real worker thread)', () => {
  let built: { path: string; cleanup: () => Promise<void> }
  let script = ''
  beforeAll(async () => {
    built = await tempDir('copydesk-search-worker-')
    script = await buildSearchWorker(built.path)
  }, 60_000)
  afterAll(() => built.cleanup())

  /**
   * The worker, with this thread held until it has claimed its first batch: on a small desk this
   * thread would otherwise read every batch before the worker got going, and it would read none.
   */
  const workerGoingFirst = (job: SearchJob): SearchHelper => {
    const helper = startSearchWorker(script, job)
    for (let waited = 0; Atomics.load(job.claims, 0) === 0; waited += 5) {
      if (waited > 30_000) throw new Error('the search worker claimed nothing in 30 s')
      Atomics.wait(job.claims, 0, 0, 5)
    }
    return helper
  }
  /** The saved index as each word's articles, whatever order a build numbered them in. */
  const savedIndex = async () => {
    const file = JSON.parse(await readFile(join(dir.path, 'search-index.json'), 'utf8'))
    const postings = new Int32Array(new Uint8Array(Buffer.from(file.postings, 'base64')).buffer)
    const byTerm: Record<string, string[]> = {}
    let at = 0
    file.terms.forEach((term: string, n: number) => {
      const docs = Array.from(postings.subarray(at, at + file.counts[n]))
      at += file.counts[n]
      byTerm[term] = docs.map((doc) => file.docs[doc][0]).sort()
    })
    return byTerm
  }
  const words = ['monsoon', 'budget', 'cricket', 'Évora', 'kerala', 'tariff', 'Köln', '日本']
  const queries = [...words, 'k', 'co', 'copy4', 'story12', 'monsoon budget', 'evora', 'zz']

  it('builds the index a build on one thread builds, and finds the same stories for every query', async () => {
    installLogSink(new FileLogSink(join(dir.path, 'logs')))
    const files: { article: Article; text?: string }[] = Array.from({ length: 600 }, (_, i) => ({
      article: story(
        `Story ${i}`,
        `${words[i % words.length]} ${words[(i * 7) % 5]} copy${i % 97} story${i}`,
      ),
    }))
    // Left out of search by either build: a file that is not JSON.
    files.push({ article: story('Damaged', 'Never found.'), text: '{"schemaVersion":1,' })
    const alone = searchOver(files)
    await alone.write()
    await alone.search.warm()
    await alone.search.idle()
    const aloneIndex = await savedIndex()
    const aloneAnswers = await Promise.all(queries.map((query) => alone.headlines(query)))
    await rm(join(dir.path, 'search-index.json'))

    const shared = searchOver(files, workerGoingFirst)
    await shared.search.warm()
    await shared.search.idle()
    expect(await savedIndex()).toEqual(aloneIndex)
    expect(await Promise.all(queries.map((query) => shared.headlines(query)))).toEqual(aloneAnswers)
    expect(aloneAnswers[0]?.length).toBeGreaterThan(0)
    expect(await shared.headlines('never')).toEqual([])
    const log = await readFile(join(dir.path, 'logs', 'copydesk.log'), 'utf8')
    const helped =
      /Built the search index from 601 files in [\d.]+ s, (\d+) of them read by the search worker/.exec(
        log,
      )
    expect(Number(helped?.[1])).toBeGreaterThanOrEqual(32)
  })

  it('stops the worker when the build is stopped, and saves nothing', async () => {
    const { search, write } = searchOver(
      Array.from({ length: 400 }, (_, i) => ({ article: story(`Story ${i}`, `copy${i}`) })),
      workerGoingFirst,
    )
    await write()
    const building = search.warm()
    await search.stop()
    await building
    await expect(readFile(join(dir.path, 'search-index.json'))).rejects.toThrow()
  })
})
