import { spawn, type ChildProcess } from 'node:child_process'

export type RunningHost = {
  url: string
  origin: string
  dataDir: string
  stop: () => Promise<void>
}

/**
 * Starts the built browser host (`out/main/webHost.js`) on a free port against `dataDir`, as its own
 * process like Electron's main: for end-to-end tests and the typing bench.
 */
export async function startWebHost(dataDir: string): Promise<RunningHost> {
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
