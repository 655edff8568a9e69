import { spawn, type ChildProcess } from 'node:child_process'

export type RunningHost = {
  /** The printed `Open:` link, which carries this run's token: what a person pastes. */
  url: string
  origin: string
  dataDir: string
  /** Everything the host printed so far. */
  output: () => string
  stop: () => Promise<void>
}

export type WebHostOptions = {
  /** A fixed port (a restart on the same address, as `npm run web` does); a free one otherwise. */
  port?: number
  /** More arguments, e.g. `--open`. */
  args?: string[]
  /** Extra environment, e.g. COPYDESK_BROWSER for a stand-in browser. */
  env?: NodeJS.ProcessEnv
}

/**
 * Starts the built browser host (`out/main/webHost.js`) on a free port against `dataDir`, as its own
 * process like Electron's main: for end-to-end tests and the typing bench.
 */
export async function startWebHost(
  dataDir: string,
  options: WebHostOptions = {},
): Promise<RunningHost> {
  const child = spawn(
    process.execPath,
    [
      'out/main/webHost.js',
      '--data-dir',
      dataDir,
      '--port',
      String(options.port ?? 0),
      ...(options.args ?? []),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The built host checks every answer against the contract, as the unit tests do.
      env: { ...process.env, COPYDESK_CHECK_OUTPUTS: '1', ...options.env },
    },
  )
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`browser host did not start:\n${output}`)),
      15_000,
    )
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Open: (\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`browser host exited with ${code}:\n${output}`)))
  })
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    output: () => output,
    stop: () => stopChild(child),
  }
}

/** Runs the built browser host to its end (for starts that must fail): its exit code and output. */
export function runWebHostToExit(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['out/main/webHost.js', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGTERM'), 15_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
