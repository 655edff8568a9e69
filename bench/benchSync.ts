import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { HistoryRepository } from '../src/main/store/HistoryRepository'
import { LowdbArticleRepository } from '../src/main/store/LowdbArticleRepository'
import { openSync } from '../src/main/sync/openSync'
import { openDb } from '../src/server/db/openDb'
import { StoryService } from '../src/server/stories/StoryService'
import { signedIn } from '../tests/support/storyDesk'
import { createDeskClient, type DeskClient } from '../src/shared/desk/createDeskClient'
import type { Article } from '../src/shared/domain/Article'
import { systemClock } from '../src/shared/domain/Clock'
import type { SyncStatus } from '../src/shared/domain/SyncStatus'
import type { ArticleRepository } from '../src/main/store/ArticleRepository'
import { createAccounts, emailOf, PASSWORD } from './benchDesk'
import { seedStore } from './benchSaves'
import { ms, percentile, type Row } from './benchTable'
import { startDeskServerProcess } from './deskServerProcess'

export type SyncBenchOptions = {
  /** Saves measured on each store (standalone and joined), interleaved. */
  saves: number
  /** Saves on A timed until B's local store has them. */
  propagations: number
  /** Stories on the desk a fresh workstation downloads. */
  firstSyncStories: number
}

const pause = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait))

/**
 * Issue 15's bench: a joined workstation's local save beside a standalone one's (sync must never
 * sit on the save path), A-to-B propagation through a real desk server process on loopback, and a
 * fresh workstation's first sync of a large desk. The desk server runs in its own process, as a
 * newsroom runs it; the workstations run in this one.
 */
export async function benchSync(
  root: string,
  corpus: Article[],
  options: SyncBenchOptions,
): Promise<Row[]> {
  const loadAtStart = loadavg()
  const deskDir = join(root, 'sync-desk')
  await createAccounts(null, deskDir, 3)
  const seedStart = performance.now()
  const seeded = await seedDesk(deskDir, corpus, options.firstSyncStories)
  const seedSeconds = (performance.now() - seedStart) / 1000
  const server = await startDeskServerProcess({ database: null, dataDir: deskDir })
  const opened: { close: () => Promise<void> }[] = []
  try {
    const logA: CallLog = []
    const logB: CallLog = []
    const clients = await Promise.all(
      [logA, logB, undefined].map((log, i) => signIn(server.url, i, log)),
    )
    const [clientA, clientB, clientC] = clients
    if (!clientA || !clientB || !clientC) throw new Error('sign-in failed')
    const stories = corpus.slice(0, 200).map((a) => ({ ...a, status: 'draft' as const }))

    // First sync: a fresh workstation downloads the desk.
    global.gc?.()
    const before = process.memoryUsage()
    let peakRss = before.rss
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }, 100)
    const c = await openWorkstation(join(root, 'sync-c'), clientC)
    opened.push(c)
    const firstStart = performance.now()
    c.engine.start()
    await c.downloaded()
    const firstSeconds = (performance.now() - firstStart) / 1000
    clearInterval(sampler)
    const downloaded = c.engine.status().firstSync.done
    const heapAfter = process.memoryUsage().heapUsed
    // C has done its part; left open, it would apply every probe below in this same process.
    opened.splice(opened.indexOf(c), 1)
    await c.close()

    // Saves: the same 200 stories on a standalone store and on a joined one that has pushed them.
    const standaloneDir = join(root, 'sync-standalone')
    await seedStore(standaloneDir, stories)
    const standalone = await LowdbArticleRepository.open(standaloneDir, { purpose: 'bench' })
    opened.push(standalone)
    const joinedDir = join(root, 'sync-a')
    await seedStore(joinedDir, stories)
    const a = await openWorkstation(joinedDir, clientA)
    opened.push(a)
    a.engine.start()
    await a.settled()
    const times = { standalone: [] as number[], joined: [] as number[] }
    for (let i = 0; i < options.saves; i += 1) {
      const story = stories[(i * 7) % stories.length]
      if (!story) continue
      times.standalone.push(await timedSave(standalone, story.id, i))
      times.joined.push(await timedSave(a.repository, story.id, i))
      // An editor autosaves after a pause in typing; the push runs in that pause.
      await pause(40)
    }
    await a.settled()

    // Propagation: B follows the desk; each probe is a save on A until B's store holds it.
    const b = await openWorkstation(join(root, 'sync-b'), clientB)
    opened.push(b)
    b.engine.start()
    await b.downloaded()
    const delays: number[] = []
    // Whether the slow probes wait on this process's own synchronous work (both workstations run here).
    const lag = monitorEventLoopDelay({ resolution: 5 })
    lag.enable()
    const stages = {
      local: [] as number[],
      push: [] as number[],
      heard: [] as number[],
      fetch: [] as number[],
      write: [] as number[],
    }
    for (let i = 0; i < options.propagations; i += 1) {
      const story = stories[(i * 13) % stories.length]
      if (!story) continue
      const marker = `probe ${i}`
      const arrived = b.arrival((article) => article.headline.endsWith(marker))
      logA.length = 0
      logB.length = 0
      const start = performance.now()
      const current = await a.repository.get(story.id)
      await a.repository.update(story.id, current.revision, (article) => ({
        ...article,
        headline: `${article.headline.replace(/ probe \d+$/, '')} ${marker}`,
        revision: article.revision + 1,
      }))
      const saved = performance.now()
      await arrived
      const end = performance.now()
      delays.push(end - start)
      const push = logA.find((call) => call.name === '/v1/stories/save')
      const fetched = logB.find((call) => call.name === '/v1/stories/story')
      if (push && fetched) {
        stages.local.push(saved - start)
        stages.push.push(push.end - saved)
        stages.heard.push(fetched.start - push.end)
        stages.fetch.push(fetched.end - fetched.start)
        stages.write.push(end - fetched.end)
      }
      await pause(100)
    }

    const median = (xs: number[]) => percentile(xs, 50)
    const ratio50 = median(times.joined) / median(times.standalone)
    const ratio95 = percentile(times.joined, 95) / percentile(times.standalone, 95)
    lag.disable()
    const p95 = percentile(delays, 95)
    const loadAtEnd = loadavg()
    return [
      {
        measure: `local save, joined vs standalone (p50, ${times.joined.length} saves)`,
        value: ms(median(times.joined)),
        baseline: ms(median(times.standalone)),
        ratio: `${ratio50.toFixed(2)}×`,
        target: '≤ 1.2×',
        pass: ratio50 <= 1.2,
        note: `p95 ${ms(percentile(times.joined, 95))} joined, ${ms(percentile(times.standalone, 95))} standalone (${ratio95.toFixed(2)}×). Each joined save also writes the sync queue; the push runs after it, in the background. Machine: ${cpus().length} cores; load average ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')} at the start, ${loadAtEnd.map((l) => l.toFixed(2)).join(' / ')} at the end.`,
      },
      {
        measure: `A-to-B propagation p95 (${delays.length} saves, loopback)`,
        value: ms(p95),
        baseline: '',
        ratio: '',
        target: '< 250 ms',
        pass: p95 < 250,
        note: `p50 ${ms(median(delays))}: from A's save call until B's local store holds it. Stages, p50 / p95 (${stages.local.length} probes): ${Object.entries(
          stages,
        )
          .map(([stage, xs]) => `${stage} ${ms(median(xs))} / ${ms(percentile(xs, 95))}`)
          .join(
            '; ',
          )} (local: A's save; push: until the desk answered A's save; heard: until B asked for the story; fetch: B's getStory; write: B's local store). This process's event-loop delay meanwhile: p99 ${ms(lag.percentile(99) / 1e6)}, max ${ms(lag.max / 1e6)}.`,
      },
      {
        measure: `first sync of a ${downloaded}-story desk`,
        value: `${Math.round(downloaded / firstSeconds)} stories/s`,
        baseline: '',
        ratio: '',
        target: '',
        pass: null,
        note: `${firstSeconds.toFixed(1)} s in all (pages of 100 stories, one request each); this process's resident memory peaked at ${Math.round(peakRss / 2 ** 20)} MB (${Math.round(before.rss / 2 ** 20)} MB at the start, most of it the embedded database that seeded the desk in this process and that the allocator keeps; heap ${Math.round(before.heapUsed / 2 ** 20)} MB before, ${Math.round(heapAfter / 2 ** 20)} MB after). The desk was filled with ${seeded} stories straight into its database before the server started (${seedSeconds.toFixed(0)} s, not measured).`,
      },
    ]
  } finally {
    for (const station of opened.reverse()) await station.close()
    await server.stop()
  }
}

/** Calls seen through a workstation's fetch, by call name: when each started and ended. */
type CallLog = { name: string; start: number; end: number }[]

async function signIn(url: string, index: number, log?: CallLog): Promise<DeskClient> {
  const anonymous = createDeskClient({ baseUrl: url, fetch, token: () => null })
  const { token } = await anonymous.signIn({
    email: emailOf(index),
    password: PASSWORD,
    deviceName: `Sync bench ${index + 1}`,
  })
  const traced: typeof fetch = async (input, init) => {
    const start = performance.now()
    const response = await fetch(input, init)
    const name = new URL(String(input)).pathname
    // A stream's end is not the call's: only whole answers are logged, once read.
    if (log && name !== '/v1/changes/stream') {
      const body = await response.arrayBuffer()
      log.push({ name, start, end: performance.now() })
      return new Response(body, response)
    }
    return response
  }
  return createDeskClient({ baseUrl: url, fetch: traced, token: () => token })
}

async function timedSave(repository: ArticleRepository, id: string, i: number): Promise<number> {
  const current = await repository.get(id)
  const start = performance.now()
  await repository.update(id, current.revision, (article) => ({
    ...article,
    deck: `Save ${i}`,
    revision: article.revision + 1,
  }))
  return performance.now() - start
}

/** A joined workstation as the app opens it, with hooks to see its local store change. */
async function openWorkstation(dataDir: string, client: DeskClient) {
  await mkdir(dataDir, { recursive: true })
  const local = await LowdbArticleRepository.open(dataDir, { purpose: 'bench' })
  const watchers = new Set<(article: Article) => void>()
  const tell = (article: Article) => {
    for (const watcher of watchers) watcher(article)
    return article
  }
  const update = local.update.bind(local)
  const create = local.create.bind(local)
  local.update = async (...args) => tell(await update(...args))
  local.create = async (...args) => tell(await create(...args))
  let status: SyncStatus | null = null
  const statusWaiters = new Set<() => void>()
  const sync = await openSync({
    dataDir,
    client,
    local,
    history: new HistoryRepository(dataDir, local.quarantine),
    quarantine: local.quarantine,
    clock: systemClock,
    who: 'Sync bench',
    retry: { firstMs: 50, maxMs: 1000 },
    onStatus: (next) => {
      status = next
      for (const waiter of statusWaiters) waiter()
    },
  })
  const until = (done: (s: SyncStatus) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (status && done(status)) {
          statusWaiters.delete(check)
          resolve()
        }
      }
      statusWaiters.add(check)
      status = sync.engine.status()
      check()
    })
  return {
    ...sync,
    settled: () =>
      until((s) => s.connection === 'online' && s.pending === 0 && s.firstSync.finished),
    downloaded: () => until((s) => s.connection === 'online' && s.firstSync.finished),
    arrival: (match: (article: Article) => boolean) =>
      new Promise<void>((resolve) => {
        const watcher = (article: Article) => {
          if (!match(article)) return
          watchers.delete(watcher)
          resolve()
        }
        watchers.add(watcher)
      }),
    async close() {
      await sync.engine.stop()
      await sync.queue.close()
      await local.close()
    },
  }
}

/**
 * Fills the desk's database before its server starts (setup, not measured): the stories saved
 * through the desk's own StoryService as one writer, as its API would, without spending a device's
 * request allowance on them.
 */
async function seedDesk(deskDir: string, corpus: Article[], count: number): Promise<number> {
  const db = await openDb(null, deskDir)
  try {
    const writer = await signedIn(db, 'Bench Seeder', 'writer')
    const stories = new StoryService(db, systemClock)
    for (let i = 0; i < count; i += 1) {
      const source = corpus[i % corpus.length]
      if (!source) continue
      await stories.saveStory(writer, {
        document: { ...source, id: randomUUID(), status: 'draft', revision: 1 },
      })
    }
    return count
  } finally {
    await db.close()
  }
}
