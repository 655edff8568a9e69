import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDb } from '../src/server/db/openDb'
import { StoryService } from '../src/server/stories/StoryService'
import { signedIn } from '../tests/support/storyDesk'
import type { Article } from '../src/shared/domain/Article'
import { systemClock } from '../src/shared/domain/Clock'
import { createAccounts } from './benchDesk'
import { seedStore } from './benchSaves'
import { ms, percentile, type Row } from './benchTable'
import { startDeskServerProcess } from './deskServerProcess'
import { describeProbe, stagesOf, tailSummary, type ProbeTrace } from './syncTrace'
import { SyncWorkstationProcess } from './syncWorkstationProcess'

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
 * fresh workstation's first sync of a large desk. The desk server and each workstation run in a
 * process of their own, as a newsroom runs them (one workstation per machine).
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
  const started: SyncWorkstationProcess[] = []
  const workstation = (name: string) => {
    const station = new SyncWorkstationProcess(name)
    started.push(station)
    return station
  }
  try {
    const stories = corpus.slice(0, 200).map((a) => ({ ...a, status: 'draft' as const }))
    const ids = stories.map((story) => story.id)

    // First sync: a fresh workstation downloads the desk, alone in its process.
    const c = workstation('C')
    await c.ask({ kind: 'open', dataDir: join(root, 'sync-c'), url: server.url, account: 2 })
    const first = await c.ask({ kind: 'firstSync' })
    // C has done its part; left running, it would apply every probe below on the same cores.
    await c.stop()

    // Saves: the same 200 stories on a standalone store and on a joined one that has pushed them,
    // both in A's process.
    const standaloneDir = join(root, 'sync-standalone')
    await seedStore(standaloneDir, stories)
    const joinedDir = join(root, 'sync-a')
    await seedStore(joinedDir, stories)
    const a = workstation('A')
    await a.ask({ kind: 'open', dataDir: joinedDir, url: server.url, account: 0, standaloneDir })
    await a.ask({ kind: 'settled' })
    const times = await a.ask({ kind: 'saves', ids, count: options.saves, pauseMs: 40 })

    // Propagation: B follows the desk in its own process; each probe is a save on A until B's
    // store holds it, timed on the machine's clock both processes share.
    const b = workstation('B')
    await b.ask({ kind: 'open', dataDir: join(root, 'sync-b'), url: server.url, account: 1 })
    await b.ask({ kind: 'settled' })
    await Promise.all([a, b].map((station) => station.ask({ kind: 'lag', on: true })))
    const probes: ProbeTrace[] = []
    for (let i = 0; i < options.propagations; i += 1) {
      const id = ids[(i * 13) % ids.length]
      if (!id) continue
      const marker = `probe ${i}`
      const arrival = b.ask({ kind: 'arrival', marker })
      const { start, saved } = await a.ask({ kind: 'probe', id, marker })
      const { end } = await arrival
      // The index write or fsync a slow probe waited behind may end after it: look a little past.
      const window = { kind: 'window', from: start, to: end + 50, id } as const
      const [traceA, traceB] = await Promise.all([a.ask(window), b.ask(window)])
      probes.push({ index: i, start, saved, end, a: traceA, b: traceB })
      await pause(100)
    }
    const [lagA, lagB] = await Promise.all([a, b].map((s) => s.ask({ kind: 'lag', on: false })))

    const delays = probes.map((probe) => probe.end - probe.start)
    const stageTimes = probes.flatMap((probe) => {
      const stages = stagesOf(probe)
      return stages ? [stages] : []
    })
    const stageNames = ['local', 'push', 'heard', 'fetch', 'write'] as const
    const median = (xs: number[]) => percentile(xs, 50)
    const ratio50 = median(times.joined) / median(times.standalone)
    const ratio95 = percentile(times.joined, 95) / percentile(times.standalone, 95)
    const p95 = percentile(delays, 95)
    const loadAtEnd = loadavg()
    const slowest = [...probes].sort((x, y) => y.end - y.start - (x.end - x.start)).slice(0, 10)
    await mkdir('bench-results', { recursive: true })
    await writeFile(
      join('bench-results', 'sync-probes.txt'),
      `${[tailSummary(probes), '', 'The ten slowest probes:', ...slowest.map(describeProbe), '', 'Every probe:', ...probes.map(describeProbe)].join('\n')}\n`,
    )
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ')
    return [
      {
        measure: `local save, joined vs standalone (p50, ${times.joined.length} saves)`,
        value: ms(median(times.joined)),
        baseline: ms(median(times.standalone)),
        ratio: `${ratio50.toFixed(2)}×`,
        target: '≤ 1.2×',
        pass: ratio50 <= 1.2,
        note: `p95 ${ms(percentile(times.joined, 95))} joined, ${ms(percentile(times.standalone, 95))} standalone (${ratio95.toFixed(2)}×). Each joined save also writes the sync queue; the push runs after it, in the background. Both stores in workstation A's process. Machine: ${cpus().length} cores; load average ${load(loadAtStart)} at the start, ${load(loadAtEnd)} at the end.`,
      },
      {
        measure: `A-to-B propagation p95 (${delays.length} saves, loopback)`,
        value: ms(p95),
        baseline: '',
        ratio: '',
        target: '< 250 ms',
        pass: p95 < 250,
        note: `p50 ${ms(median(delays))}: from A's save call until B's local store holds it, A and B each in a process of its own (machine clock). Stages, p50 / p95 (${stageTimes.length} probes): ${stageNames
          .map(
            (stage) =>
              `${stage} ${ms(median(stageTimes.map((s) => s[stage])))} / ${ms(
                percentile(
                  stageTimes.map((s) => s[stage]),
                  95,
                ),
              )}`,
          )
          .join(
            '; ',
          )} (local: A's save; push: until the desk answered A's save; heard: until B asked for the story; fetch: B's getStory; write: B's local store). ${tailSummary(probes)} Every probe, the ten slowest first: bench-results/sync-probes.txt. Event-loop delay meanwhile: A p99 ${ms(lagA?.p99Ms ?? 0)} (max ${ms(lagA?.maxMs ?? 0)}), B p99 ${ms(lagB?.p99Ms ?? 0)} (max ${ms(lagB?.maxMs ?? 0)}).`,
      },
      {
        measure: `first sync of a ${first.done}-story desk`,
        value: `${Math.round(first.done / first.seconds)} stories/s`,
        baseline: '',
        ratio: '',
        target: '',
        pass: null,
        note: `${first.seconds.toFixed(1)} s in all (pages of 100 stories, one request each), workstation C alone in its process: resident memory ${Math.round(first.rssBefore / 2 ** 20)} MB at the start, ${Math.round(first.peakRss / 2 ** 20)} MB at the peak; heap ${Math.round(first.heapBefore / 2 ** 20)} MB before, ${Math.round(first.heapAfter / 2 ** 20)} MB after. The desk was filled with ${seeded} stories straight into its database before the server started (${seedSeconds.toFixed(0)} s, not measured).`,
      },
    ]
  } finally {
    for (const station of started.reverse()) await station.stop()
    await server.stop()
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
