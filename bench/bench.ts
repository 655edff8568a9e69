import { mkdir, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchWordCount, withCjkShare } from './benchCjk'
import { corpusArticle, seeded } from './benchCorpus'
import { benchDesk } from './benchDesk'
import { benchExport } from './benchExport'
import { benchOpen } from './benchOpen'
import { benchPictures } from './benchPictures'
import { benchSaves, seedStore } from './benchSaves'
import { benchSearch, queriesFor } from './benchSearch'
import { benchSearchEngines } from './benchSearchEngines'
import { benchSync } from './benchSync'
import { benchTyping } from './benchTyping'
import { printTable, type Row } from './benchTable'
import { vocabulary } from './benchVocabulary'
import { typingArticle } from './typingArticle'

const quick = process.argv.includes('--quick')
const SIZES = quick ? [100, 1000] : [100, 1000, 10_000]
const root = join(tmpdir(), `copydesk-bench-${process.pid}`)
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length)
/**
 * `--only=saves,open,search,engines,export,typing,pictures` runs just those measures (saves include
 * open, search includes engines).
 */
const wanted = (measure: string) => !only || only.split(',').includes(measure)
/**
 * The desk server bench runs only when named (`--only=desk`): it takes minutes and a PostgreSQL
 * (COPYDESK_TEST_DATABASE_URL / DATABASE_URL, else a throwaway cluster from scripts/pg-up.sh).
 * `--desk-workstations=20,200` and `--desk-engines=pglite,postgres` narrow it; `--desk-feed=poll`
 * has the workstations long-poll the feed instead of following its stream; `--desk-processes=N`
 * spreads the workstations over N processes (2 unless told).
 */
const named = (measure: string) => only?.split(',').includes(measure) === true
const argument = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)

async function main(): Promise<void> {
  const rows: Row[] = []
  // First, before the corpus below fills this process's heap: the workstations run in it.
  if (named('desk'))
    rows.push(
      ...(await benchDesk(root, {
        workstations: (argument('desk-workstations') ?? '20,200').split(',').map(Number),
        engines: (argument('desk-engines') ?? 'pglite,postgres')
          .split(',')
          .filter((engine) => engine === 'pglite' || engine === 'postgres'),
        warmUpSeconds: quick ? 3 : 10,
        measureSeconds: quick ? 10 : 40,
        saveEveryMs: [2000, 4000],
        feed: argument('desk-feed') === 'poll' ? 'poll' : 'stream',
        processes: Number(argument('desk-processes') ?? 2),
      })),
    )
  const random = seeded(20260123)
  const words = vocabulary(random)
  const largest = Math.max(...SIZES)
  const corpus = Array.from({ length: largest }, (_, i) => corpusArticle(i, random, words.draw))
  // Issue 15's sync bench runs only when named (`--only=sync`): it starts a desk server process.
  if (named('sync'))
    rows.push(
      ...(await benchSync(root, corpus, {
        saves: quick ? 30 : 200,
        propagations: quick ? 20 : 100,
        firstSyncStories: quick ? 1000 : 10_000,
      })),
    )
  if (wanted('saves')) rows.push(...(await benchSaves(root, corpus, SIZES, quick ? 20 : 100)))
  else if (wanted('open')) {
    for (const size of SIZES) {
      const dir = join(root, `store-${size}`)
      await seedStore(dir, corpus.slice(0, size))
      rows.push(await benchOpen(dir, size, 5))
    }
  }
  if (wanted('search')) {
    // Search reads the largest store the save measures left on disk.
    if (!wanted('saves')) await seedStore(join(root, `store-${largest}`), corpus)
    rows.push(
      ...(await benchSearch(
        join(root, `store-${largest}`),
        corpus,
        words.words,
        quick ? 3 : 10,
        // Built beside the bench by tools.vite.config.ts, as electron-vite builds the app's.
        fileURLToPath(new URL('./searchWorker.js', import.meta.url)),
      )),
    )
  }
  if (wanted('search') || wanted('engines'))
    rows.push(...(await benchSearchEngines(corpus, queriesFor(words.words), quick ? 3 : 10)))
  if (wanted('export')) {
    const exported = corpus.slice(0, quick ? 500 : 10_000)
    rows.push(...benchExport(exported))
    // A tenth of the desk files in Japanese, Chinese or Thai: counted by Intl.Segmenter.
    const mixed = withCjkShare(exported, seeded(11))
    rows.push(...benchExport(mixed, '10% Japanese/Chinese/Thai'))
    rows.push(...benchWordCount(withCjkShare(corpus.slice(0, 300), seeded(12))))
  }
  if (wanted('pictures')) {
    const story = corpus[0]
    if (!story) throw new Error('The bench corpus is empty.')
    rows.push(
      ...(await benchPictures(root, story.body, {
        imports: quick ? 1 : 3,
        saves: quick ? 20 : 100,
      })),
    )
  }
  if (wanted('typing')) {
    // Its own seed, so the document is the same in quick and full runs.
    const article = typingArticle(vocabulary(seeded(7)).draw)
    rows.push(...(await benchTyping(join(root, 'typing'), article, quick ? 60 : 300)))
  }

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
  console.log(`Copydesk bench (${quick ? 'quick' : 'full'}) on ${machine}\n`)
  printTable(rows)
  await mkdir('bench-results', { recursive: true })
  await writeFile(
    join('bench-results', 'bench.json'),
    `${JSON.stringify({ machine, at: new Date().toISOString(), rows }, null, 2)}\n`,
  )
  console.log('Wrote bench-results/bench.json')
  if (process.argv.includes('--keep')) console.log(`Kept the stores in ${root}`)
  else await rm(root, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
