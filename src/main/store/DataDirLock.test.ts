import { spawn } from 'node:child_process'
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../testing/tempDir'
import { DataDirLock, LOCK_FILE } from './DataDirLock'

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

describe('DataDirLock', () => {
  it('refuses a second holder and names the first', async () => {
    const first = await DataDirLock.acquire(dir.path, 'desktop app')
    await expect(DataDirLock.acquire(dir.path, 'browser host')).rejects.toThrow(
      /in use by Copydesk \(desktop app, process \d+ on /,
    )
    await first.release()
    const second = await DataDirLock.acquire(dir.path, 'browser host')
    await second.release()
  })

  it('recovers a lock left by a process that was killed', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    const pid = child.pid ?? 0
    await writeFile(
      join(dir.path, LOCK_FILE),
      JSON.stringify({
        pid,
        hostname: hostname(),
        purpose: 'cli',
        since: new Date().toISOString(),
      }),
    )
    await expect(DataDirLock.acquire(dir.path, 'desktop app')).rejects.toMatchObject({
      code: 'DATA_DIR_LOCKED',
    })
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    const lock = await DataDirLock.acquire(dir.path, 'desktop app')
    expect(JSON.parse(await readFile(join(dir.path, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
    })
    await lock.release()
  })

  it('recovers an empty lock left by a process killed while creating it, once it cannot be a write in progress', async () => {
    const path = join(dir.path, LOCK_FILE)
    await writeFile(path, '')
    const old = new Date(Date.now() - 60_000)
    await utimes(path, old, old)
    const lock = await DataDirLock.acquire(dir.path, 'desktop app')
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ purpose: 'desktop app' })
    await lock.release()

    await writeFile(path, '{"pid":')
    const started = Date.now()
    const again = await DataDirLock.acquire(dir.path, 'browser host')
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500)
    await again.release()
  })

  it('recovers an unreadable lock dated in the future, rather than waiting for it forever', async () => {
    const path = join(dir.path, LOCK_FILE)
    await writeFile(path, '')
    const future = new Date(Date.now() + 3_600_000)
    await utimes(path, future, future)
    const lock = await DataDirLock.acquire(dir.path, 'desktop app')
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ purpose: 'desktop app' })
    await lock.release()
  })

  it('waits for a lock still being written, then refuses the live holder it names', async () => {
    const path = join(dir.path, LOCK_FILE)
    await writeFile(path, '')
    const holder = { pid: process.ppid, hostname: hostname(), purpose: 'cli', since: 'now' }
    setTimeout(() => void writeFile(path, JSON.stringify(holder)), 200)
    await expect(DataDirLock.acquire(dir.path, 'desktop app')).rejects.toThrow(
      /in use by Copydesk \(cli, /,
    )
  })

  it('leaves no draft behind, and sweeps the drafts of killed processes', async () => {
    const child = spawn(process.execPath, ['-e', ''])
    const deadPid = child.pid ?? 0
    await new Promise((resolve) => child.once('exit', resolve))
    await writeFile(join(dir.path, `.${LOCK_FILE}.${deadPid}.tmp`), '{}')
    const lock = await DataDirLock.acquire(dir.path, 'desktop app')
    expect(await readdir(dir.path)).toEqual([LOCK_FILE])
    await lock.release()
    expect(await readdir(dir.path)).toEqual([])
  })
})
