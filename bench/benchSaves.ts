import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import type { Article } from '../src/shared/domain/Article'
import { LowdbArticleRepository } from '../src/main/store/LowdbArticleRepository'
import { benchOpen } from './benchOpen'
import { ms, percentile, type Row } from './benchTable'

/** Writes the corpus straight to disk (setup only; the measured saves go through the store). */
export async function seedStore(dir: string, corpus: Article[]): Promise<void> {
  await mkdir(join(dir, 'articles'), { recursive: true })
  await mkdir(join(dir, 'trash'), { recursive: true })
  for (let i = 0; i < corpus.length; i += 200) {
    await Promise.all(
      corpus
        .slice(i, i + 200)
        .map((a) => writeFile(join(dir, 'articles', `${a.id}.json`), JSON.stringify(a))),
    )
  }
}

async function saveTimes(
  repo: LowdbArticleRepository,
  corpus: Article[],
  count: number,
): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < count; i += 1) {
    const target = corpus[(i * 7919) % corpus.length]
    if (!target) continue
    const current = await repo.get(target.id)
    const start = performance.now()
    await repo.update(current.id, current.revision, (a) => ({
      ...a,
      headline: `${a.headline} ·`,
      revision: a.revision + 1,
    }))
    times.push(performance.now() - start)
  }
  return times
}

async function naiveSaveTimes(dir: string, corpus: Article[], count: number): Promise<number[]> {
  const db = new Low<{ articles: Article[] }>(new JSONFile(join(dir, 'naive.json')), {
    articles: corpus,
  })
  await db.write()
  const times: number[] = []
  for (let i = 0; i < count; i += 1) {
    const index = (i * 7919) % corpus.length
    const start = performance.now()
    const article = db.data.articles[index]
    if (article)
      db.data.articles[index] = {
        ...article,
        headline: `${article.headline} ·`,
        revision: article.revision + 1,
      }
    await db.write()
    times.push(performance.now() - start)
  }
  return times
}

/**
 * Save latency and list opening at each store size, beside a single-file lowdb store of the same
 * corpus; the stores are left on disk in `root/store-<size>` for the later measures.
 */
export async function benchSaves(
  root: string,
  corpus: Article[],
  sizes: number[],
  saves: number,
): Promise<Row[]> {
  const rows: Row[] = []
  const p95BySize = new Map<number, number>()
  for (const size of sizes) {
    const dir = join(root, `store-${size}`)
    await seedStore(dir, corpus.slice(0, size))
    const first = await LowdbArticleRepository.open(dir, { purpose: 'bench' })
    await first.close()
    const opening = await benchOpen(dir, size, 5)
    const repo = await LowdbArticleRepository.open(dir, { purpose: 'bench' })
    // Saves in the app happen with the search index built, so measure them that way too.
    await repo.warmSearch()
    await saveTimes(repo, corpus.slice(0, size), 5)
    // The bench holds the whole corpus in memory, which the app never does: collect before measuring.
    ;(globalThis as { gc?: () => void }).gc?.()
    const times = await saveTimes(repo, corpus.slice(0, size), saves)
    await repo.close()
    p95BySize.set(size, percentile(times, 95))
    const naive = await naiveSaveTimes(dir, corpus.slice(0, size), size >= 10_000 ? 8 : saves)
    const ratio = percentile(naive, 95) / percentile(times, 95)
    rows.push({
      measure: `save p50 / p95, ${size} articles`,
      value: `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`,
      baseline: `single-file lowdb ${ms(percentile(naive, 95))}`,
      ratio: `${ratio.toFixed(1)}× faster`,
      target: size >= 10_000 ? '≥ 20× faster' : '',
      pass: size >= 10_000 ? ratio >= 20 : null,
    })
    rows.push(opening)
  }
  const small = p95BySize.get(sizes[0] ?? 100) ?? 0
  const large = p95BySize.get(sizes.at(-1) ?? 0) ?? 0
  rows.push({
    measure: `save p95 at ${sizes.at(-1)} vs ${sizes[0]}`,
    value: `${(large / small).toFixed(2)}×`,
    baseline: '',
    ratio: '',
    target: '≤ 1.5×',
    pass: large / small <= 1.5,
  })
  return rows
}
