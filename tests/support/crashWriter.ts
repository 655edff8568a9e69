import { randomUUID } from 'node:crypto'
import { readFileSync, writeSync } from 'node:fs'
import { newArticle } from '../../src/shared/domain/newArticle'
import { HistoryRepository } from '../../src/main/store/HistoryRepository'
import { LowdbArticleRepository } from '../../src/main/store/LowdbArticleRepository'

/**
 * For the crash loop (scripts/crash-loop.js). `write DIR`: prints "READY" once the store is open, then
 * saves articles as fast as it can and prints "ACK id revision headline" after each save the store
 * acknowledged, and "SNAP id seq revision" after each revision snapshot (every fifth save), until it
 * is killed.
 * `check DIR ACKFILE`: opens the store and verifies every file loads, every acknowledged save is there,
 * and every acknowledged snapshot is listed and still holds its revision (none was overwritten).
 */
async function main(): Promise<number> {
  const [mode, dir, ackFile] = process.argv.slice(2)
  if (!dir || (mode !== 'write' && mode !== 'check')) {
    process.stderr.write('usage: crashWriter write DIR | check DIR ACKFILE\n')
    return 2
  }
  const repo = await LowdbArticleRepository.open(dir, { purpose: 'crash loop' })
  const history = new HistoryRepository(dir, repo.quarantine, repo.access)
  if (mode === 'check') return check(repo, history, ackFile ?? '')
  writeSync(1, 'READY\n')
  let counter = 0
  for (;;) {
    const list = await repo.list()
    counter += 1
    const headline = `h${process.pid}-${counter}`
    if (list.length < 20) {
      const article = await repo.create(
        newArticle({
          id: randomUUID(),
          author: 'crash',
          now: new Date().toISOString(),
          fields: { headline },
        }),
      )
      writeSync(1, `ACK ${article.id} ${article.revision} ${headline}\n`)
      continue
    }
    const target = list[counter % list.length]
    if (!target) continue
    const saved = await repo.update(target.id, target.revision, (current) => ({
      ...current,
      headline,
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: `${headline} `.repeat(200) }] },
        ],
      },
      revision: current.revision + 1,
      updatedAt: new Date().toISOString(),
    }))
    writeSync(1, `ACK ${saved.id} ${saved.revision} ${headline}\n`)
    if (counter % 5 !== 0) continue
    const meta = await history.snapshot(
      saved.id,
      {
        at: saved.updatedAt,
        by: 'crash',
        status: saved.status,
        reason: 'saved-version',
        articleRevision: saved.revision,
      },
      saved,
    )
    writeSync(1, `SNAP ${saved.id} ${meta.seq} ${saved.revision}\n`)
  }
}

async function check(
  repo: LowdbArticleRepository,
  history: HistoryRepository,
  ackFile: string,
): Promise<number> {
  const failures: string[] = []
  const latest = new Map<string, { revision: number; headline: string }>()
  const snapshots: { id: string; seq: number; revision: number }[] = []
  for (const line of readFileSync(ackFile, 'utf8').split('\n')) {
    const [tag, id, revision, headline] = line.split(' ')
    if (tag === 'SNAP' && id && revision && headline)
      snapshots.push({ id, seq: Number(revision), revision: Number(headline) })
    if (tag !== 'ACK' || !id || !revision || !headline) continue
    latest.set(id, { revision: Number(revision), headline })
  }
  for (const { id, seq, revision } of snapshots) {
    try {
      const listed = (await history.read(id)).revisions.some((meta) => meta.seq === seq)
      if (!listed) failures.push(`${id}: acknowledged snapshot ${seq} is not listed`)
      const kept = await history.readSnapshot(id, seq)
      if (kept.revision !== revision)
        failures.push(`${id}: snapshot ${seq} holds revision ${kept.revision}, not ${revision}`)
    } catch (error) {
      failures.push(
        `${id} snapshot ${seq}: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }
  const problems = await repo.problems()
  for (const problem of problems)
    failures.push(`unreadable file ${problem.file}: ${problem.reason}`)
  for (const [id, acked] of latest) {
    try {
      const article = await repo.get(id)
      if (article.revision < acked.revision)
        failures.push(`${id}: acknowledged revision ${acked.revision}, found ${article.revision}`)
      if (article.revision === acked.revision && article.headline !== acked.headline)
        failures.push(`${id}: revision ${acked.revision} has the wrong text`)
    } catch (error) {
      failures.push(`${id}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  await repo.close()
  process.stdout.write(
    failures.length === 0
      ? `OK ${latest.size} articles, every acknowledged save present, ${snapshots.length} snapshots intact\n`
      : `${failures.join('\n')}\n`,
  )
  return failures.length === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  },
)
