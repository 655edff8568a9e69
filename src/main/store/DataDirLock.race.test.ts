import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { LOCK_FILE } from './DataDirLock'

let dir: Awaited<ReturnType<typeof tempDir>>
let worker = ''

// The racers are separate processes, as two Copydesks are: the worker is bundled for plain node.
beforeAll(async () => {
  dir = await tempDir('copydesk-lock-race-')
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: 'tests/support/lockRaceWorker.ts',
      outDir: join(dir.path, 'worker'),
      rolldownOptions: { output: { format: 'esm', entryFileNames: 'worker.mjs' } },
    },
    ssr: { noExternal: true },
  })
  worker = join(dir.path, 'worker', 'worker.mjs')
}, 60_000)
afterAll(() => dir.cleanup())

type Racer = { child: ChildProcessWithoutNullStreams; next: () => Promise<string> }

function racer(data: string): Racer {
  const child = spawn(process.execPath, [worker, data])
  const waiting: ((line: string) => void)[] = []
  const ready: string[] = []
  createInterface({ input: child.stdout }).on('line', (line) => {
    const resolve = waiting.shift()
    if (resolve) resolve(line)
    else ready.push(line)
  })
  const next = () => {
    const line = ready.shift()
    return line !== undefined
      ? Promise.resolve(line)
      : new Promise<string>((resolve) => waiting.push(resolve))
  }
  return { child, next }
}

describe('stale lock recovery', () => {
  // Issue 11, 3.7: recovery renamed whatever was at the lock path after checking it, so a process
  // could move aside the fresh lock another recovering process had just made, and both held it.
  it('never lets two processes recovering the same stale lock both hold it', async () => {
    const data = join(dir.path, 'data')
    spawnSync('mkdir', ['-p', data])
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    })
    const racers = [racer(data), racer(data)]
    const outcomes: string[] = []
    for (let round = 0; round < 400; round += 1) {
      const stale = {
        pid: Number(dead.stdout),
        hostname: hostname(),
        purpose: 'desktop app',
        since: new Date(Date.now() - 60_000 + round).toISOString(),
      }
      await writeFile(join(data, LOCK_FILE), JSON.stringify(stale))
      // One racer starts up to 2 ms after the other, a different lag each round.
      const lag = Math.round(((round * 7919) % 2000) / (round % 2 === 0 ? 1 : 4))
      racers.forEach(({ child }, i) => child.stdin.write(`go ${i === round % 2 ? lag : 0}\n`))
      const round_ = await Promise.all(racers.map(({ next }) => next()))
      outcomes.push(round_.sort().join(' + '))
    }
    for (const { child } of racers) child.kill()
    const counts = Object.fromEntries(
      [...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]),
    )
    expect(
      outcomes.filter((o) => o.includes('BOTH HELD')),
      JSON.stringify(counts),
    ).toEqual([])
    // Every round, the stale lock was recovered by one of them at least.
    expect(
      outcomes.filter((o) => !o.includes('held')),
      JSON.stringify(counts),
    ).toEqual([])
  }, 120_000)
})
