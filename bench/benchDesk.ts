import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
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
import { machineMs, type MeasuredSave } from './deskWorkstation'
import {
  startWorkstationGroup,
  type GroupResult,
  type WorkstationGroup,
} from './deskWorkstationGroup'

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
  /** Processes the workstations are spread over (workstation i in process i % processes). */
  processes: number
}

export const PASSWORD = 'bench-password-for-every-workstation'

/** Saves started in the last seconds of a run still have this long to reach every feed. */
const DRAIN_MS = 3_000

type Setup = { name: string; servers: DeskServerProcess[] }

/**
 * The desk server under simulated workstations (`--only=desk`): servers as separate processes
 * (`copydesk desk serve`), the workstations on the real typed client in `options.processes`
 * workstation processes of their own (deskWorkstations.ts), each timing its share; this process
 * merges their figures and reads the servers' logs.
 */
export async function benchDesk(root: string, options: DeskBenchOptions): Promise<Row[]> {
  const groups = Array.from({ length: options.processes }, () => startWorkstationGroup())
  try {
    return await benchDeskWith(root, options, groups)
  } finally {
    for (const group of groups) await group.stop()
  }
}

async function benchDeskWith(
  root: string,
  options: DeskBenchOptions,
  groups: WorkstationGroup[],
): Promise<Row[]> {
  const rows: Row[] = []
  const most = Math.max(...options.workstations)
  const loadAtStart = loadavg()

  if (options.engines.includes('pglite')) {
    const dataDir = join(root, 'desk-pglite')
    await mkdir(dataDir, { recursive: true })
    await createAccounts(null, dataDir, most)
    const server = await startDeskServerProcess({ database: null, dataDir })
    try {
      await joinDesk(server, most, groups)
      for (const count of options.workstations)
        rows.push(
          ...(await measure(
            { name: 'embedded (PGlite), 1 server', servers: [server] },
            count,
            groups,
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
      await joinDesk(first, most, groups)
      for (const count of options.workstations) {
        rows.push(
          ...(await measure(
            { name: 'PostgreSQL, 1 server', servers: [first] },
            count,
            groups,
            options,
          )),
        )
        rows.push(
          ...(await measure({ name: 'PostgreSQL, 2 servers', servers }, count, groups, options)),
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

/**
 * Every workstation signs in (real scrypt on the server) and makes its story, in the workstation
 * process it belongs to: workstation i lives in process i % processes.
 */
async function joinDesk(
  server: DeskServerProcess,
  count: number,
  groups: WorkstationGroup[],
): Promise<void> {
  await Promise.all(
    groups.map((group, g) =>
      group.join(
        server.url,
        PASSWORD,
        Array.from({ length: count }, (_, index) => ({ email: emailOf(index), index })).filter(
          ({ index }) => index % groups.length === g,
        ),
      ),
    ),
  )
}

/** The figures of every workstation process together: saves and arrivals paired across them. */
export function mergeGroups(results: GroupResult[]) {
  const saveMs = results.flatMap((result) => result.saveMs)
  const saves: MeasuredSave[] = results.flatMap((result) => result.measuredSaves)
  const arrivals = new Map<string, [number, number][]>()
  for (const result of results)
    for (const [key, times] of result.arrivals)
      arrivals.set(key, [...(arrivals.get(key) ?? []), ...times])
  const propagationMs: number[] = []
  const crossServerMs: number[] = []
  for (const [key, at, server] of saves)
    for (const [arrived, on] of arrivals.get(key) ?? []) {
      propagationMs.push(arrived - at)
      if (on !== server) crossServerMs.push(arrived - at)
    }
  const errors = new Map<string, number>()
  for (const result of results)
    for (const [code, count] of result.errors) errors.set(code, (errors.get(code) ?? 0) + count)
  return {
    saveMs,
    measuredSaves: saves.length,
    propagationMs,
    crossServerMs,
    requests: results.reduce((sum, result) => sum + result.requests, 0),
    errors,
  }
}

async function measure(
  setup: Setup,
  n: number,
  groups: WorkstationGroup[],
  options: DeskBenchOptions,
): Promise<Row[]> {
  const { servers } = setup
  // A second for every process to catch its workstations up before the warm-up starts.
  const measureFrom = machineMs() + 1000 + options.warmUpSeconds * 1000
  const measureMs = options.measureSeconds * 1000
  const [minMs, maxMs] = options.saveEveryMs
  const running = Promise.all(
    groups.map((group) =>
      group.run({
        count: n,
        servers: servers.map((server) => server.url),
        saveEveryMs: options.saveEveryMs,
        feed: options.feed,
        measureFrom,
        measureMs,
        drainMs: DRAIN_MS,
      }),
    ),
  )
  await delay(measureFrom - machineMs())
  const loadBefore = loadavg()[0] ?? 0
  const cpuBefore = await Promise.all(servers.map((server) => server.cpuSeconds()))
  for (const server of servers) {
    server.serverMs.clear()
    server.recording = true
  }
  await delay(measureFrom + measureMs - machineMs())
  for (const server of servers) server.recording = false
  const cpuAfter = await Promise.all(servers.map((server) => server.cpuSeconds()))
  const loadAfter = loadavg()[0] ?? 0
  const results = await running
  const merged = mergeGroups(results)
  const seconds = measureMs / 1000

  const label = `${n} workstations, ${setup.name}`
  const serverSave = servers.flatMap((server) => server.serverMs.get('saveStory') ?? [])
  const serverCpu = servers
    .map((_, i) => `${Math.round((((cpuAfter[i] ?? 0) - (cpuBefore[i] ?? 0)) / seconds) * 100)}%`)
    .join(' + ')
  const groupCpu = results.map((result) => `${Math.round(result.cpuShare * 100)}%`).join(' + ')
  const groupLag = results.map((result) => ms(result.lagP99Ms)).join(' / ')
  const groupLagMax = results.map((result) => ms(result.lagMaxMs)).join(' / ')
  const expected = merged.measuredSaves * (n - 1)
  const savePass = n >= 200 && setup.name.startsWith('PostgreSQL')
  const save95 = percentile(merged.saveMs, 95)
  const prop95 = percentile(merged.propagationMs, 95)
  const propTarget = n >= 200 && setup.name.startsWith('PostgreSQL') ? 250 : n <= 20 ? 100 : null
  const errors = [...merged.errors].map(([code, count]) => `${code} ${count}`).join(', ')
  return [
    {
      measure: `desk save p50 / p95, ${label}`,
      value: `${ms(percentile(merged.saveMs, 50))} / ${ms(save95)}`,
      baseline: `server-side ${ms(percentile(serverSave, 50))} / ${ms(percentile(serverSave, 95))}`,
      ratio: '',
      target: savePass ? 'p95 < 50 ms' : '',
      pass: savePass ? save95 < 50 : null,
      note: `${label}: ${merged.measuredSaves} saves in ${seconds.toFixed(0)} s (each workstation every ${minMs / 1000}–${maxMs / 1000} s; the feed followed by ${options.feed === 'stream' ? 'one stream per workstation' : 'long polls'}), errors: ${errors || 'none'}; server CPU ${serverCpu} of one core; ${groups.length} workstation processes, CPU ${groupCpu}, event-loop lag p99 ${groupLag} (max ${groupLagMax}); load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}.`,
    },
    {
      measure: `desk feed propagation p50 / p95, ${label}`,
      value: `${ms(percentile(merged.propagationMs, 50))} / ${ms(prop95)}`,
      baseline:
        servers.length > 1 ? `across servers p95 ${ms(percentile(merged.crossServerMs, 95))}` : '',
      ratio: '',
      target: propTarget === null ? '' : `p95 < ${propTarget} ms`,
      pass: propTarget === null ? null : prop95 < propTarget,
      note: `every pair (save on one workstation → its feed delivering it on each other one, in any workstation process): ${merged.propagationMs.length} of ${expected} deliveries seen${servers.length > 1 ? `, ${merged.crossServerMs.length} of them across the two server processes` : ''}.`,
    },
    {
      measure: `desk requests per second, ${label}`,
      value: `${(merged.requests / seconds).toFixed(0)} /s`,
      baseline: '',
      ratio: '',
      target: '',
      pass: null,
    },
  ]
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
