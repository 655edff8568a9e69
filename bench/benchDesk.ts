import { randomBytes } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { mkdir } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { AccountService } from '../src/server/accounts/AccountService'
import type { PasswordHasher } from '../src/server/accounts/PasswordHasher'
import { ScryptPasswordHasher } from '../src/server/accounts/ScryptPasswordHasher'
import { migrate } from '../src/server/db/migrate'
import { openDb } from '../src/server/db/openDb'
import { shippedMigrations } from '../src/server/shippedMigrations'
import { systemClock } from '../src/shared/domain/Clock'
import { ms, percentile, type Row } from './benchTable'
import { benchPostgres } from './deskPostgres'
import { startDeskServerProcess, type DeskServerProcess } from './deskServerProcess'
import { BenchWorkstation, countingFetch, DeskTracker } from './deskWorkstation'

export type DeskBenchOptions = {
  /** Workstation counts to measure, largest first is not required (e.g. [20, 200]). */
  workstations: number[]
  warmUpSeconds: number
  measureSeconds: number
  /** Each workstation saves every minMs..maxMs (uniform). */
  saveEveryMs: [number, number]
  /** Engines to run: 'pglite' (one server), 'postgres' (one server, then two). */
  engines: ('pglite' | 'postgres')[]
  /** How workstations follow the feed: one stream each (followChanges), or long polls (listChanges). */
  feed: 'stream' | 'poll'
}

export const PASSWORD = 'bench-password-for-every-workstation'

/** Saves started in the last seconds of a run still have this long to reach every feed. */
const DRAIN_MS = 3_000

type Setup = { name: string; servers: DeskServerProcess[] }

/**
 * The desk server under simulated workstations (`--only=desk`): servers as separate processes
 * (`copydesk desk serve`), the workstations in this process on the real typed client.
 */
export async function benchDesk(root: string, options: DeskBenchOptions): Promise<Row[]> {
  const rows: Row[] = []
  const most = Math.max(...options.workstations)
  const loadAtStart = loadavg()
  const tracker = new DeskTracker()
  const fetchImpl = countingFetch(tracker)

  if (options.engines.includes('pglite')) {
    const dataDir = join(root, 'desk-pglite')
    await mkdir(dataDir, { recursive: true })
    await createAccounts(null, dataDir, most)
    const server = await startDeskServerProcess({ database: null, dataDir })
    try {
      const stations = await joinDesk(server, most, fetchImpl)
      for (const count of options.workstations)
        rows.push(
          ...(await measure(
            { name: 'embedded (PGlite), 1 server', servers: [server] },
            stations.slice(0, count),
            tracker,
            options,
          )),
        )
    } finally {
      await server.stop()
    }
  }

  if (options.engines.includes('postgres')) {
    const database = await benchPostgres()
    const servers: DeskServerProcess[] = []
    try {
      await createAccounts(database.url, join(root, 'desk-pg-admin'), most)
      // Servers of one desk share the CMS secrets' key (a server with another key refuses to start).
      const secretKey = randomBytes(32).toString('base64')
      for (let i = 0; i < 2; i += 1) {
        const dataDir = join(root, `desk-pg-${i}`)
        await mkdir(dataDir, { recursive: true })
        servers.push(await startDeskServerProcess({ database: database.url, dataDir, secretKey }))
      }
      const [first] = servers
      if (!first) throw new Error('no server')
      const stations = await joinDesk(first, most, fetchImpl)
      for (const count of options.workstations) {
        const some = stations.slice(0, count)
        rows.push(
          ...(await measure(
            { name: 'PostgreSQL, 1 server', servers: [first] },
            some,
            tracker,
            options,
          )),
        )
        rows.push(
          ...(await measure({ name: 'PostgreSQL, 2 servers', servers }, some, tracker, options)),
        )
      }
    } finally {
      for (const server of servers) await server.stop()
      await database.drop()
    }
  }

  const loadAtEnd = loadavg()
  const first = rows[0]
  if (first)
    first.note =
      `${first.note ?? ''} Machine: ${cpus().length} cores; load average (1/5/15 min) ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')} at the start, ${loadAtEnd.map((l) => l.toFixed(2)).join(' / ')} at the end.`.trim()
  return rows
}

/**
 * The accounts, made straight on the database before any server runs (the embedded one allows one
 * process at a time). One real scrypt hash serves them all: every password is the same, and the
 * measured sign-ins verify it for real.
 */
export async function createAccounts(
  database: string | null,
  dataDir: string,
  count: number,
): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  const db = await openDb(database, dataDir)
  try {
    await migrate(db, shippedMigrations())
    const scrypt = new ScryptPasswordHasher()
    const hashed = await scrypt.hash(PASSWORD)
    const hasher: PasswordHasher = {
      hash: async () => hashed,
      verify: (password, stored) => scrypt.verify(password, stored),
    }
    const accounts = new AccountService(db, systemClock, { hasher })
    for (let i = 0; i < count; i += 1)
      await accounts.createAccount(null, {
        email: emailOf(i),
        name: `Bench Writer ${i + 1}`,
        role: 'writer',
        password: PASSWORD,
      })
  } finally {
    await db.close()
  }
}

export const emailOf = (i: number) => `bench.writer.${String(i + 1).padStart(3, '0')}@desk.example`

/** Every workstation signs in (real scrypt on the server, a few at a time) and makes its story. */
async function joinDesk(
  server: DeskServerProcess,
  count: number,
  fetchImpl: typeof fetch,
): Promise<BenchWorkstation[]> {
  const stations = Array.from(
    { length: count },
    (_, i) => new BenchWorkstation(emailOf(i), fetchImpl, server.url),
  )
  let next = 0
  const worker = async () => {
    for (let i = next++; i < stations.length; i = next++) {
      const station = stations[i]
      if (!station) continue
      await station.signIn(PASSWORD)
      await station.createStory()
    }
  }
  // The server hashes two at a time and queues 32: stay under its queue.
  await Promise.all(Array.from({ length: 4 }, worker))
  return stations
}

async function measure(
  setup: Setup,
  stations: BenchWorkstation[],
  tracker: DeskTracker,
  options: DeskBenchOptions,
): Promise<Row[]> {
  const { servers } = setup
  stations.forEach((station, i) => {
    const server = servers[i % servers.length]
    if (server) station.useServer(server.url, i % servers.length)
  })
  await Promise.all(stations.map((station) => station.catchUp()))
  resetTracker(tracker)
  const loadBefore = loadavg()[0] ?? 0
  const stopSaves = new AbortController()
  const stopFeeds = new AbortController()
  // Every workstation's long poll listens on these: not a leak.
  setMaxListeners(0, stopSaves.signal, stopFeeds.signal)
  const [minMs, maxMs] = options.saveEveryMs
  const running = stations.flatMap((station) => [
    station.saveLoop(tracker, stopSaves.signal, minMs, maxMs),
    options.feed === 'stream'
      ? station.followLoop(tracker, stopFeeds.signal)
      : station.feedLoop(tracker, stopFeeds.signal),
  ])
  await delay(options.warmUpSeconds * 1000)

  const lag = monitorEventLoopDelay({ resolution: 10 })
  const cpuBefore = await Promise.all(servers.map((server) => server.cpuSeconds()))
  const benchCpuBefore = process.cpuUsage()
  for (const server of servers) {
    server.serverMs.clear()
    server.recording = true
  }
  lag.enable()
  tracker.measuring = true
  const started = performance.now()
  await delay(options.measureSeconds * 1000)
  tracker.measuring = false
  const seconds = (performance.now() - started) / 1000
  lag.disable()
  for (const server of servers) server.recording = false
  const cpuAfter = await Promise.all(servers.map((server) => server.cpuSeconds()))
  const benchCpu = process.cpuUsage(benchCpuBefore)
  const loadAfter = loadavg()[0] ?? 0

  stopSaves.abort()
  await delay(DRAIN_MS)
  stopFeeds.abort()
  await Promise.all(running)

  const n = stations.length
  const label = `${n} workstations, ${setup.name}`
  const serverSave = servers.flatMap((server) => server.serverMs.get('saveStory') ?? [])
  const serverCpu = servers
    .map((_, i) => `${Math.round((((cpuAfter[i] ?? 0) - (cpuBefore[i] ?? 0)) / seconds) * 100)}%`)
    .join(' + ')
  const benchCpuShare = Math.round(((benchCpu.user + benchCpu.system) / 1e6 / seconds) * 100)
  const expected = tracker.measuredSaves * (n - 1)
  const savePass = n >= 200 && setup.name.startsWith('PostgreSQL')
  const save95 = percentile(tracker.saveMs, 95)
  const prop95 = percentile(tracker.propagationMs, 95)
  const propTarget = n >= 200 && setup.name.startsWith('PostgreSQL') ? 250 : n <= 20 ? 100 : null
  const errors = [...tracker.errors].map(([code, count]) => `${code} ${count}`).join(', ')
  return [
    {
      measure: `desk save p50 / p95, ${label}`,
      value: `${ms(percentile(tracker.saveMs, 50))} / ${ms(save95)}`,
      baseline: `server-side ${ms(percentile(serverSave, 50))} / ${ms(percentile(serverSave, 95))}`,
      ratio: '',
      target: savePass ? 'p95 < 50 ms' : '',
      pass: savePass ? save95 < 50 : null,
      note: `${label}: ${tracker.measuredSaves} saves in ${seconds.toFixed(0)} s (each workstation every ${minMs / 1000}–${maxMs / 1000} s; the feed followed by ${options.feed === 'stream' ? 'one stream per workstation' : 'long polls'}), errors: ${errors || 'none'}; server CPU ${serverCpu} of one core, bench process CPU ${benchCpuShare}%, its event-loop lag p99 ${ms(lag.percentile(99) / 1e6)} (max ${ms(lag.max / 1e6)}); load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}.`,
    },
    {
      measure: `desk feed propagation p50 / p95, ${label}`,
      value: `${ms(percentile(tracker.propagationMs, 50))} / ${ms(prop95)}`,
      baseline:
        servers.length > 1 ? `across servers p95 ${ms(percentile(tracker.crossServerMs, 95))}` : '',
      ratio: '',
      target: propTarget === null ? '' : `p95 < ${propTarget} ms`,
      pass: propTarget === null ? null : prop95 < propTarget,
      note: `every pair (save on one workstation → its feed delivering it on each other one): ${tracker.deliveries} of ${expected} deliveries seen${servers.length > 1 ? `, ${tracker.crossServerMs.length} of them across the two server processes` : ''}.`,
    },
    {
      measure: `desk requests per second, ${label}`,
      value: `${(tracker.requests / seconds).toFixed(0)} /s`,
      baseline: '',
      ratio: '',
      target: '',
      pass: null,
    },
  ]
}

function resetTracker(tracker: DeskTracker): void {
  tracker.measuring = false
  tracker.requests = 0
  tracker.saveMs.length = 0
  tracker.propagationMs.length = 0
  tracker.crossServerMs.length = 0
  tracker.errors.clear()
  tracker.measuredSaves = 0
  tracker.deliveries = 0
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
