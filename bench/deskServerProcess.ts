import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'

/** One `copydesk desk serve` process, as a newsroom runs it: its own event loop, its own log. */
export type DeskServerProcess = {
  url: string
  pid: number
  /** Server-side milliseconds per call, from its request log lines, while `recording` is on. */
  serverMs: Map<string, number[]>
  recording: boolean
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds: () => Promise<number>
  stop: () => Promise<void>
}

/** Logged calls whose server-side time the bench keeps (the rest are only drained). */
const TIMED_CALLS = /"call":"(saveStory|listChanges)"/

/**
 * Starts `node out/main/cli.js desk serve --port 0` (the built CLI) on `database` (a postgres://
 * URL) or the embedded database in `dataDir`, and resolves once it says where it listens.
 */
export async function startDeskServerProcess(options: {
  database: string | null
  dataDir: string
  /** COPYDESK_SECRET_KEY: the servers of one desk share it, or the second refuses to start. */
  secretKey?: string
}): Promise<DeskServerProcess> {
  const args = [
    ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    'out/main/cli.js',
    'desk',
    'serve',
    '--port',
    '0',
    '--data-dir',
    options.dataDir,
  ]
  if (options.database !== null) args.push('--database', options.database)
  const env = { ...process.env }
  delete env.DATABASE_URL
  if (options.secretKey !== undefined) env.COPYDESK_SECRET_KEY = options.secretKey
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const serverMs = new Map<string, number[]>()
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
  const server: Omit<DeskServerProcess, 'url' | 'pid'> = {
    serverMs,
    recording: false,
    cpuSeconds: () => cpuSecondsOf(child),
    stop: () => stopChild(child),
  }
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout ?? process.stdin })
    // Every request writes a line: the pipe is drained all along, or the server would block on it.
    lines.on('line', (line) => {
      const ready = /^Desk server ready at (\S+) /.exec(line)
      if (ready?.[1]) resolve(ready[1])
      if (!server.recording) return
      const timed = TIMED_CALLS.exec(line)
      if (!timed?.[1]) return
      const { ms, status } = JSON.parse(line) as { ms?: number; status?: number }
      if (typeof ms !== 'number' || status !== 200) return
      const list = serverMs.get(timed[1]) ?? []
      list.push(ms)
      serverMs.set(timed[1], list)
    })
    child.once('exit', (code) =>
      reject(new Error(`desk serve exited (${code}) before it was ready: ${stderr.trim()}`)),
    )
    child.once('error', reject)
  })
  return Object.assign(server, { url, pid: child.pid ?? 0 })
}

async function cpuSecondsOf(child: ChildProcess): Promise<number> {
  const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8').catch(() => '')
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}
