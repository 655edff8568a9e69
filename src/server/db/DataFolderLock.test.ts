import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { DataFolderLock, DESK_LOCK_FILE } from './DataFolderLock'
import { openPgliteDb } from './openPgliteDb'

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => (dir = await tempDir('copydesk-desklock-')))
afterEach(() => dir.cleanup())

/** A process that exits at once: its pid is then (for a while) provably nobody's. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''])
  const pid = child.pid ?? 0
  await new Promise((resolve) => child.on('exit', resolve))
  return pid
}

describe('DataFolderLock', () => {
  it('refuses a second holder and names the first (bug: PGlite lets two processes open one folder)', async () => {
    const lock = await DataFolderLock.acquire(dir.path, 'desk server')
    await expect(DataFolderLock.acquire(dir.path, 'desk server')).rejects.toMatchObject({
      code: 'DATA_DIR_LOCKED',
      message: expect.stringContaining(`process ${process.pid}`),
    })
    await lock.release()
    const again = await DataFolderLock.acquire(dir.path, 'desk server')
    await again.release()
    expect(await readdir(dir.path)).toEqual([])
  })

  it('refuses a lock held by another live process on this computer', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    try {
      await writeFile(
        join(dir.path, DESK_LOCK_FILE),
        JSON.stringify({
          pid: child.pid,
          hostname: hostname(),
          started: null,
          purpose: 'desk server',
          nonce: 'n',
        }),
      )
      await expect(DataFolderLock.acquire(dir.path, 'desk server')).rejects.toMatchObject({
        code: 'DATA_DIR_LOCKED',
        message: expect.stringContaining(`desk server (process ${child.pid})`),
      })
    } finally {
      child.kill()
    }
  })

  it('takes over the lock of a killed server not yet reaped by its parent (a zombie holds no folder)', async () => {
    // The parent forks a child that exits shortly, then becomes `sleep 30`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'])
    try {
      const zombie = await new Promise<number>((resolve) =>
        parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
      )
      let stat = ''
      while (!/\) Z /.test(stat)) {
        await new Promise((wake) => setTimeout(wake, 10))
        stat = await readFile(`/proc/${zombie}/stat`, 'utf8')
      }
      await writeFile(
        join(dir.path, DESK_LOCK_FILE),
        JSON.stringify({
          pid: zombie,
          hostname: hostname(),
          started: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19],
          purpose: 'desk server',
          nonce: 'killed',
        }),
      )
      const lock = await DataFolderLock.acquire(dir.path, 'desk server')
      await lock.release()
    } finally {
      parent.kill('SIGKILL')
    }
  })

  it('takes over the lock of a process that is gone, and leaves no marker behind', async () => {
    const stale = JSON.stringify({
      pid: await deadPid(),
      hostname: hostname(),
      started: null,
      purpose: 'x',
      nonce: 'old',
    })
    await writeFile(join(dir.path, DESK_LOCK_FILE), stale)
    const lock = await DataFolderLock.acquire(dir.path, 'desk server')
    expect(JSON.parse(await readFile(join(dir.path, DESK_LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
    })
    expect(await readdir(dir.path)).toEqual([DESK_LOCK_FILE])
    await lock.release()
  })

  it('leaves a stale lock to a live process already taking it over', async () => {
    const stale = JSON.stringify({
      pid: await deadPid(),
      hostname: hostname(),
      started: null,
      purpose: 'x',
      nonce: 'old',
    })
    await writeFile(join(dir.path, DESK_LOCK_FILE), stale)
    const taker = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    try {
      const marker = join(
        dir.path,
        `${DESK_LOCK_FILE}.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`,
      )
      await writeFile(
        marker,
        JSON.stringify({
          pid: taker.pid,
          hostname: hostname(),
          started: null,
          purpose: 'y',
          nonce: 't',
        }),
      )
      await expect(DataFolderLock.acquire(dir.path, 'desk server')).rejects.toThrow(
        /other processes keep taking it/,
      )
      expect(await readFile(join(dir.path, DESK_LOCK_FILE), 'utf8')).toBe(stale)
    } finally {
      taker.kill()
    }
  })

  it('names the files to delete when a takeover was killed midway', async () => {
    const stale = JSON.stringify({
      pid: await deadPid(),
      hostname: hostname(),
      started: null,
      purpose: 'x',
      nonce: 'old',
    })
    await writeFile(join(dir.path, DESK_LOCK_FILE), stale)
    const marker = join(
      dir.path,
      `${DESK_LOCK_FILE}.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`,
    )
    await writeFile(
      marker,
      JSON.stringify({
        pid: await deadPid(),
        hostname: hostname(),
        started: null,
        purpose: 'y',
        nonce: 't',
      }),
    )
    await expect(DataFolderLock.acquire(dir.path, 'desk server')).rejects.toThrow(
      /killed midway.*delete/,
    )
  })

  it('openPgliteDb refuses a locked folder before touching the database in it', async () => {
    const lock = await DataFolderLock.acquire(dir.path, 'desk server')
    await expect(openPgliteDb({ dataDir: dir.path })).rejects.toMatchObject({
      code: 'DATA_DIR_LOCKED',
    })
    expect(existsSync(join(dir.path, 'pgdata'))).toBe(false)
    await lock.release()
  })
})
