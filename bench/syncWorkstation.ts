import { mkdir } from 'node:fs/promises'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { HistoryRepository } from '../src/main/store/HistoryRepository'
import { LowdbArticleRepository } from '../src/main/store/LowdbArticleRepository'
import { openSync } from '../src/main/sync/openSync'
import { createDeskClient, type DeskClient } from '../src/shared/desk/createDeskClient'
import type { Article } from '../src/shared/domain/Article'
import { systemClock } from '../src/shared/domain/Clock'
import type { SyncStatus } from '../src/shared/domain/SyncStatus'
import type { ArticleRepository } from '../src/main/store/ArticleRepository'
import { emailOf, PASSWORD } from './benchDesk'
import { machineMs } from './deskWorkstation'
import { FsTrace } from './fsTrace'
import type {
  DeskCall,
  FirstSyncResult,
  SyncAnswer,
  SyncCommand,
  SyncReply,
  WriteMark,
} from './syncWorkstationProcess'

/**
 * A workstation process of the sync bench (out/tools/syncWorkstation.js, forked by
 * SyncWorkstationProcess): one joined workstation over its data folder, with its file calls, desk
 * calls and the moments inside its local writes timed on the machine's clock, so the bench process
 * can lay A's save, the desk and B's write of one probe side by side.
 */
const trace = await FsTrace.install()
const calls: DeskCall[] = []
/** Moments of local writes, by story id (the newest few thousand). */
const marks: (WriteMark & { id: string })[] = []
let station: Awaited<ReturnType<typeof openWorkstation>> | null = null
let standalone: LowdbArticleRepository | null = null
let lag: ReturnType<typeof monitorEventLoopDelay> | null = null
/** Probe markers B's store holds, and when it came to hold each. */
const arrived = new Map<string, { end: number; id: string }>()
const arrivalWaiters = new Map<string, (arrival: { end: number; id: string }) => void>()

process.on('message', (message: { seq: number; command: SyncCommand }) => {
  void handle(message.command).then(
    (value) => process.send?.({ seq: message.seq, value } satisfies SyncReply),
    (error: unknown) =>
      process.send?.({
        seq: message.seq,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies SyncReply),
  )
})

async function handle(command: SyncCommand): Promise<SyncAnswer[SyncCommand['kind']]> {
  switch (command.kind) {
    case 'open': {
      const client = await signIn(command.url, command.account)
      station = await openWorkstation(command.dataDir, client)
      if (command.standaloneDir)
        standalone = await LowdbArticleRepository.open(command.standaloneDir, { purpose: 'bench' })
      return null
    }
    case 'firstSync':
      return firstSync(opened())
    case 'settled':
      opened().engine.start()
      await opened().settled()
      return null
    case 'saves':
      return saves(command.ids, command.count, command.pauseMs)
    case 'probe':
      return probe(command.id, command.marker)
    case 'arrival': {
      const done = arrived.get(command.marker)
      if (done) return done
      return new Promise((resolve) => arrivalWaiters.set(command.marker, resolve))
    }
    case 'window':
      return {
        calls: calls.filter((call) => call.end >= command.from && call.start <= command.to),
        ops: trace.during(command.from, command.to),
        marks: marks
          .filter((m) => m.id === command.id && m.at >= command.from && m.at <= command.to)
          .map(({ at, what }) => ({ at, what })),
      }
    case 'lag': {
      if (command.on) {
        lag = monitorEventLoopDelay({ resolution: 5 })
        lag.enable()
        return { p99Ms: 0, maxMs: 0 }
      }
      lag?.disable()
      return { p99Ms: (lag?.percentile(99) ?? 0) / 1e6, maxMs: (lag?.max ?? 0) / 1e6 }
    }
    case 'close':
      await station?.close()
      await standalone?.close()
      station = null
      standalone = null
      return null
  }
}

function opened() {
  if (!station) throw new Error('open the workstation first')
  return station
}

async function firstSync(c: NonNullable<typeof station>): Promise<FirstSyncResult> {
  global.gc?.()
  const before = process.memoryUsage()
  let peakRss = before.rss
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }, 100)
  const start = performance.now()
  c.engine.start()
  await c.downloaded()
  const seconds = (performance.now() - start) / 1000
  clearInterval(sampler)
  return {
    seconds,
    done: c.engine.status().firstSync.done,
    rssBefore: before.rss,
    peakRss,
    heapBefore: before.heapUsed,
    heapAfter: process.memoryUsage().heapUsed,
  }
}

/** The same stories saved on the standalone store and the joined one in turn, an editor's pause between. */
async function saves(ids: string[], count: number, pauseMs: number) {
  const joined = opened().repository
  if (!standalone) throw new Error('open a standalone store beside the workstation first')
  const times = { standalone: [] as number[], joined: [] as number[] }
  for (let i = 0; i < count; i += 1) {
    const id = ids[(i * 7) % ids.length]
    if (!id) continue
    times.standalone.push(await timedSave(standalone, id, i))
    times.joined.push(await timedSave(joined, id, i))
    // An editor autosaves after a pause in typing; the push runs in that pause.
    await new Promise((resolve) => setTimeout(resolve, pauseMs))
  }
  await opened().settled()
  return times
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

async function probe(id: string, marker: string) {
  const { repository } = opened()
  const current = await repository.get(id)
  const start = machineMs()
  mark(id, 'call')
  await repository.update(id, current.revision, (article) => ({
    ...article,
    headline: `${article.headline.replace(/ probe \d+$/, '')} ${marker}`,
    revision: article.revision + 1,
  }))
  const saved = machineMs()
  mark(id, 'done')
  return { start, saved }
}

async function signIn(url: string, index: number): Promise<DeskClient> {
  const anonymous = createDeskClient({ baseUrl: url, fetch, token: () => null })
  const { token } = await anonymous.signIn({
    email: emailOf(index),
    password: PASSWORD,
    deviceName: `Sync bench ${index + 1}`,
  })
  const traced: typeof fetch = async (input, init) => {
    const start = machineMs()
    const response = await fetch(input, init)
    const name = new URL(String(input)).pathname
    // A stream's end is not the call's: only whole answers are logged, once read.
    if (name === '/v1/changes/stream') return response
    const body = await response.arrayBuffer()
    calls.push({ name, start, end: machineMs() })
    if (calls.length > 2000) calls.splice(0, 1000)
    return new Response(body, response)
  }
  return createDeskClient({ baseUrl: url, fetch: traced, token: () => token })
}

/** Marks a moment of a local write of `id`. */
function mark(id: string, what: WriteMark['what']): void {
  marks.push({ id, at: machineMs(), what })
  if (marks.length > 5000) marks.splice(0, 2500)
}

/**
 * A joined workstation as the app opens it. The local store's get/update/create are wrapped to mark
 * when the story's turn reached them, when the article's turn ran the change, and when the write
 * was done, and to see probes arrive.
 */
async function openWorkstation(dataDir: string, client: DeskClient) {
  await mkdir(dataDir, { recursive: true })
  const local = await LowdbArticleRepository.open(dataDir, { purpose: 'bench' })
  const update = local.update.bind(local)
  const create = local.create.bind(local)
  const get = local.get.bind(local)
  const tell = (article: Article) => {
    mark(article.id, 'written')
    const probe = / (probe \d+)$/.exec(article.headline)?.[1]
    if (probe && !arrived.has(probe)) {
      const arrival = { end: machineMs(), id: article.id }
      arrived.set(probe, arrival)
      arrivalWaiters.get(probe)?.(arrival)
      arrivalWaiters.delete(probe)
    }
    return article
  }
  // B takes a desk version by reading its copy in the story's turn first: that is its turn mark.
  local.get = (id) => {
    mark(id, 'turn')
    return get(id)
  }
  local.update = async (id, base, change, keepLinksOf) => {
    mark(id, 'turn')
    const changed = (current: Article) => {
      mark(id, 'change')
      return change(current)
    }
    return tell(await update(id, base, changed, keepLinksOf))
  }
  local.create = async (article) => tell(await create(article))
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
    async close() {
      await sync.engine.stop()
      await sync.queue.close()
      await local.close()
    },
  }
}
