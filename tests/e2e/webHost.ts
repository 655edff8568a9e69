import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type RunningHost = {
  url: string
  origin: string
  dataDir: string
  stop: () => Promise<void>
}

/** Starts the built browser host (`out/main/webHost.js`) on a free port against `dataDir`. */
export async function startHost(dataDir: string): Promise<RunningHost> {
  const child = spawn(
    process.execPath,
    ['out/main/webHost.js', '--data-dir', dataDir, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
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
  return { url, origin: new URL(url).origin, dataDir, stop: () => stopChild(child) }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/** A fresh data directory for one test. */
export async function tempDataDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'copydesk-e2e-'))
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) }
}
