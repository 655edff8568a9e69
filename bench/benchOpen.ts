import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { LowdbArticleRepository } from '../src/main/store/LowdbArticleRepository'
import { ms, percentile, type Row } from './benchTable'

const TARGET_MS = 50

/** One start: the store opened and its list read, as the app's first screen needs it. */
async function openAndList(
  dir: string,
): Promise<{ ms: number; listed: number; reason: string | null }> {
  const start = performance.now()
  const repo = await LowdbArticleRepository.open(dir, { purpose: 'bench' })
  const listed = (await repo.list()).length
  const took = performance.now() - start
  const reason = repo.fullCheckReason
  // The background check and the close are not part of the start.
  await repo.close()
  return { ms: took, listed, reason }
}

/**
 * Opening the list of a closed store: trusting the index on the journal's word, beside the check of
 * every article file (stat each, read the changed) that a start without a journal makes.
 */
export async function benchOpen(dir: string, size: number, rounds: number): Promise<Row> {
  const trusted: number[] = []
  const checked: number[] = []
  let listed = 0
  let reasons = new Set<string>()
  for (let round = 0; round <= rounds; round += 1) {
    const fast = await openAndList(dir)
    await rm(join(dir, 'index-journal.json'), { force: true })
    const full = await openAndList(dir)
    // The first round warms the file cache and the JIT.
    if (round === 0) continue
    trusted.push(fast.ms)
    checked.push(full.ms)
    listed = fast.listed
    reasons = new Set([...reasons, fast.reason ?? 'trusted', full.reason ?? 'trusted'])
  }
  const value = percentile(trusted, 50)
  const baseline = percentile(checked, 50)
  return {
    measure: `open the list, ${size} articles (${listed} listed), median of ${rounds}`,
    value: ms(value),
    baseline: `stat every file ${ms(baseline)}`,
    ratio: `${(baseline / value).toFixed(1)}× faster`,
    target: size >= 10_000 ? `≤ ${TARGET_MS} ms` : '',
    pass: size >= 10_000 ? value <= TARGET_MS : null,
    note: `starts: ${[...reasons].join(', ')}`,
  }
}
