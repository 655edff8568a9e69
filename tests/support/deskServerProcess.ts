import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'

/** Where a desk server keeps its desk: a PostgreSQL database, or the embedded one in a folder. */
export type DeskLocation = { database: string } | { dataDir: string }

/** How a spawned process ended. */
export type ProcessEnd = { code: number | null; signal: NodeJS.Signals | null }

export type DeskServerProcess = {
  /** e.g. http://127.0.0.1:40123, from the ready line. */
  url: string
  process: ChildProcess
  /** Everything it wrote so far. */
  out: () => string
  err: () => string
  /** Sends `signal` (SIGTERM for a graceful stop, SIGKILL for a crash); resolves when it is gone. */
  kill: (signal: NodeJS.Signals) => Promise<ProcessEnd>
  /** Resolves when the process has exited (and been reaped, so its pid is free). */
  stopped: Promise<ProcessEnd>
}

/** The CLI's bundle, as electron-vite builds out/main/cli.js: packages stay external. */
export type CliBundle = { cli: string; remove: () => Promise<void> }

/**
 * Builds `src/cli/copydesk.ts` the way it ships (migrations bundled as text), into
 * node_modules/.cache so its packages resolve. About 0.3 s; build it once per test file (beforeAll)
 * and `remove` it after.
 */
export async function buildCliBundle(): Promise<CliBundle> {
  const outDir = resolve('node_modules/.cache', `copydesk-cli-test-${randomUUID()}`)
  const { build } = await import('vite')
  await build({
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      ssr: resolve('src/cli/copydesk.ts'),
      target: 'node20',
      outDir,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: { output: { format: 'esm', entryFileNames: 'cli.js' } },
    },
  })
  return {
    cli: join(outDir, 'cli.js'),
    remove: () => rm(outDir, { recursive: true, force: true }),
  }
}

function locationArgs(where: DeskLocation): string[] {
  return 'database' in where ? ['--database', where.database] : ['--data-dir', where.dataDir]
}

/** The CLI's environment without a DATABASE_URL of the machine's own, which would win over --data-dir. */
function cliEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.DATABASE_URL
  return env
}

function ended(child: ChildProcess): Promise<ProcessEnd> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null)
      done({ code: child.exitCode, signal: child.signalCode })
    else child.once('exit', (code, signal) => done({ code, signal }))
  })
}

/**
 * `copydesk desk admin create --email --name --password-stdin` as a process: the desk's first
 * admin, the password piped in. Rejects with the CLI's own words when it exits non-zero.
 */
export async function createFirstAdmin(
  bundle: CliBundle,
  where: DeskLocation,
  account: { email: string; name: string; password: string },
): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      bundle.cli,
      'desk',
      'admin',
      'create',
      '--email',
      account.email,
      '--name',
      account.name,
      '--password-stdin',
      ...locationArgs(where),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'], env: cliEnv() },
  )
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  child.stdin.end(`${account.password}\n`)
  const end = await ended(child)
  if (end.code !== 0)
    throw new Error(`desk admin create exited ${end.code ?? end.signal}: ${err || out}`)
  return out.trim()
}

/**
 * `copydesk desk serve --port 0` on `where`, as a process; resolves once it prints its ready line
 * (rejects with its output if it exits first or is not ready within `readyWithinMs`).
 */
export async function startDeskServerProcess(
  bundle: CliBundle,
  where: DeskLocation,
  options: {
    cwd?: string
    readyWithinMs?: number
    env?: Record<string, string>
    /** A fixed port: a server started again where workstations already know it. */
    port?: number
  } = {},
): Promise<DeskServerProcess> {
  const child = spawn(
    process.execPath,
    [bundle.cli, 'desk', 'serve', '--port', String(options.port ?? 0), ...locationArgs(where)],
    {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...cliEnv(), ...options.env },
    },
  )
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const stopped = ended(child)
  let exited = false
  void stopped.then(() => (exited = true))
  const deadline = performance.now() + (options.readyWithinMs ?? 60_000)
  let url: string | undefined
  while (url === undefined) {
    url = /^Desk server ready at (\S+) /m.exec(out)?.[1]
    if (url !== undefined) break
    if (exited || performance.now() > deadline) {
      child.kill('SIGKILL')
      await stopped
      throw new Error(
        `desk serve was not ready (${exited ? 'it exited' : 'timed out'}):\n${err}\n${out}`,
      )
    }
    await new Promise((wake) => setTimeout(wake, 10))
  }
  return {
    url,
    process: child,
    out: () => out,
    err: () => err,
    kill: (signal) => {
      child.kill(signal)
      return stopped
    },
    stopped,
  }
}
