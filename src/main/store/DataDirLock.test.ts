import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { DataDirLock, LOCK_FILE, unlockDataDir } from './DataDirLock'
import { readState, UNREADABLE_GRACE_MS, type LockClock } from './LockFile'
import { bootId, processStartTime } from './processIdentity'

/** The id of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid ?? 0
}

/**
 * A clock whose waits pass at once, advancing its time instead: the lock's grace periods are then
 * waited out on this clock, not the machine's. `onSleep` runs in each wait, as another process would.
 */
function instantClock(onSleep: () => Promise<void> = async () => undefined) {
  let now = Date.now()
  let slept = 0
  const clock: LockClock = {
    now: () => now,
    sleep: async (ms) => {
      now += ms
      slept += ms
      await onSleep()
    },
  }
  return { clock, slept: () => slept }
}

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
    const waiting = instantClock()
    const again = await DataDirLock.acquire(dir.path, 'browser host', waiting.clock)
    // Taken only once it had been unreadable longer than a write in progress could explain.
    const age = Date.now() - (await stat(path)).mtimeMs
    expect(waiting.slept() + age).toBeGreaterThanOrEqual(UNREADABLE_GRACE_MS - 100)
    await again.release()
  })

  it('recovers an unreadable lock dated in the future, rather than waiting for it forever', async () => {
    const path = join(dir.path, LOCK_FILE)
    await writeFile(path, '')
    const future = new Date(Date.now() + 3_600_000)
    await utimes(path, future, future)
    const waiting = instantClock()
    const lock = await DataDirLock.acquire(dir.path, 'desktop app', waiting.clock)
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ purpose: 'desktop app' })
    expect(waiting.slept()).toBe(UNREADABLE_GRACE_MS)
    await lock.release()
  })

  it('waits for a lock still being written, then refuses the live holder it names', async () => {
    const path = join(dir.path, LOCK_FILE)
    await writeFile(path, '')
    const holder = { pid: process.ppid, hostname: hostname(), purpose: 'cli', since: 'now' }
    // The other process finishes writing its lock while this one waits.
    const waiting = instantClock(() => writeFile(path, JSON.stringify(holder)))
    await expect(DataDirLock.acquire(dir.path, 'desktop app', waiting.clock)).rejects.toThrow(
      /in use by Copydesk \(cli, /,
    )
    expect(waiting.slept()).toBeGreaterThan(0)
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

  // Red team L4: a folder where a takeover marker goes failed every start with ERR_FS_EISDIR.
  it('clears an empty folder in place of a lock or a takeover marker, and names one that is not empty', async () => {
    await mkdir(join(dir.path, LOCK_FILE))
    const old = new Date(Date.now() - 60_000)
    await utimes(join(dir.path, LOCK_FILE), old, old)
    const lock = await DataDirLock.acquire(dir.path, 'desktop app')
    await lock.release()
    await mkdir(join(dir.path, LOCK_FILE))
    await writeFile(join(dir.path, LOCK_FILE, 'notes.txt'), 'kept')
    await utimes(join(dir.path, LOCK_FILE), old, old)
    await expect(DataDirLock.acquire(dir.path, 'desktop app')).rejects.toThrow(
      `${join(dir.path, LOCK_FILE)} is a folder, not a lock Copydesk made: move it out of the data folder`,
    )
    expect(await readFile(join(dir.path, LOCK_FILE, 'notes.txt'), 'utf8')).toBe('kept')
  })

  // Red team L10: the folder held was known by the path as spelled; through a symbolic link this
  // process took its own lock for a dead one's and removed it.
  it('refuses the same folder reached by another path while this process holds it', async () => {
    const link = join(dir.path, 'link')
    await mkdir(join(dir.path, 'desk'))
    await symlink(join(dir.path, 'desk'), link)
    const lock = await DataDirLock.acquire(join(dir.path, 'desk'), 'desktop app')
    await expect(DataDirLock.acquire(link, 'browser host')).rejects.toThrow(/in use by Copydesk/)
    await lock.release()
  })

  describe('a lock naming a live process or another computer', () => {
    let child: ReturnType<typeof spawn>
    beforeEach(() => {
      child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    })
    afterEach(() => {
      child.kill('SIGKILL')
    })
    const lockOf = (holder: Record<string, unknown>) =>
      writeFile(
        join(dir.path, LOCK_FILE),
        JSON.stringify({
          hostname: hostname(),
          purpose: 'desktop app',
          since: '2026-01-23T10:00:00.000Z',
          ...holder,
        }),
      )

    // Issue 11, 3.8: a lock naming a process id that another program got since was refused forever.
    it.runIf(process.platform === 'linux')(
      'recovers a lock whose process id now belongs to another program (its start time differs)',
      async () => {
        const started = await processStartTime(child.pid ?? 0)
        expect(started).not.toBeNull()
        await lockOf({ pid: child.pid, started: `${Number(started) - 500}`, boot: await bootId() })
        const lock = await DataDirLock.acquire(dir.path, 'desktop app')
        expect(JSON.parse(await readFile(join(dir.path, LOCK_FILE), 'utf8'))).toMatchObject({
          pid: process.pid,
        })
        await lock.release()
      },
    )

    it.runIf(process.platform === 'linux')(
      'recovers a lock taken before the machine restarted',
      async () => {
        const started = await processStartTime(child.pid ?? 0)
        await lockOf({ pid: child.pid, started, boot: 'a-boot-before-this-one' })
        const lock = await DataDirLock.acquire(dir.path, 'desktop app')
        await lock.release()
      },
    )

    it.runIf(process.platform === 'linux')(
      'refuses the process that took it, still running',
      async () => {
        await lockOf({
          pid: child.pid,
          started: await processStartTime(child.pid ?? 0),
          boot: await bootId(),
        })
        const refused = DataDirLock.acquire(dir.path, 'browser host')
        await expect(refused).rejects.toThrow(/Close that Copydesk first/)
        await expect(refused).rejects.not.toThrow(/unlock/)
      },
    )

    it('refuses a live process it cannot tell from a reused id, saying how to take the folder over', async () => {
      await lockOf({ pid: child.pid })
      await expect(DataDirLock.acquire(dir.path, 'desktop app')).rejects.toThrow(
        new RegExp(
          `process ${child.pid} is another program that was given the same number.*copydesk unlock --force --data-dir "${dir.path}"`,
        ),
      )
    })

    // Issue 11, 3.8: another computer's lock was refused forever, with no way out but deleting files.
    it("refuses another computer's lock, saying how to take it over safely", async () => {
      await lockOf({ pid: 4242, hostname: 'newsroom-pc-7' })
      const refused = DataDirLock.acquire(dir.path, 'desktop app')
      await expect(refused).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' })
      await expect(refused).rejects.toThrow(
        /in use by Copydesk on another computer, newsroom-pc-7 .*copydesk unlock --force --data-dir .*never while Copydesk on newsroom-pc-7 may still be running/,
      )
    })

    it('is removed by unlock --force, which names what it removed; unlock alone refuses', async () => {
      await lockOf({ pid: 4242, hostname: 'newsroom-pc-7' })
      await expect(unlockDataDir(dir.path, false)).rejects.toThrow(
        /another computer, newsroom-pc-7/,
      )
      expect(await readdir(dir.path)).toEqual([LOCK_FILE])
      expect(await unlockDataDir(dir.path, true)).toEqual({
        removed: expect.objectContaining({ pid: 4242, hostname: 'newsroom-pc-7' }),
        unreadable: false,
      })
      expect(await readdir(dir.path)).toEqual([])
      expect(await unlockDataDir(dir.path, true)).toBeNull()
      const lock = await DataDirLock.acquire(dir.path, 'desktop app')
      await lock.release()
    })

    // Red team M7: unlock --force removed the lock of a Copydesk provably still running here, and the
    // refusal without --force even suggested it: two hosts then served one folder.
    it.runIf(process.platform === 'linux')(
      'never unlocks a Copydesk provably running on this computer, even with --force',
      async () => {
        await lockOf({
          pid: child.pid,
          started: await processStartTime(child.pid ?? 0),
          boot: await bootId(),
        })
        for (const force of [false, true]) {
          const refused = unlockDataDir(dir.path, force)
          await expect(refused).rejects.toThrow(/Close that Copydesk first/)
          await expect(refused).rejects.toMatchObject({ details: { running: true } })
        }
        expect(await readdir(dir.path)).toEqual([LOCK_FILE])
      },
    )

    // Red team L4: a takeover cut short by another computer or by a process that cannot be told from
    // a reused id blocked every start with "another process keeps taking it", naming no way out.
    it.each([
      ['another computer', () => ({ pid: 4242, hostname: 'newsroom-pc-7' })],
      ['a live process with no start time (macOS, Windows)', () => ({ pid: child.pid })],
    ])('names unlock --force when a takeover by %s never finished', async (_name, marker) => {
      await lockOf({ pid: deadPid() })
      const stamp = (await readState(join(dir.path, LOCK_FILE)))?.stamp ?? ''
      const name = `${LOCK_FILE}.takeover-${createHash('sha256').update(stamp).digest('hex').slice(0, 24)}`
      await writeFile(
        join(dir.path, name),
        JSON.stringify({ hostname: hostname(), purpose: 'cli', since: 'then', ...marker() }),
      )
      await expect(
        DataDirLock.acquire(dir.path, 'desktop app', instantClock().clock),
      ).rejects.toThrow(
        new RegExp(`has not finished.*copydesk unlock --force --data-dir "${dir.path}"`),
      )
      await unlockDataDir(dir.path, true)
      const lock = await DataDirLock.acquire(dir.path, 'desktop app')
      await lock.release()
    })

    it('clears an empty folder left where a takeover marker goes', async () => {
      await lockOf({ pid: deadPid() })
      const stamp = (await readState(join(dir.path, LOCK_FILE)))?.stamp ?? ''
      const name = `${LOCK_FILE}.takeover-${createHash('sha256').update(stamp).digest('hex').slice(0, 24)}`
      await mkdir(join(dir.path, name))
      const old = new Date(Date.now() - 60_000)
      await utimes(join(dir.path, name), old, old)
      const lock = await DataDirLock.acquire(dir.path, 'desktop app')
      expect(await readdir(dir.path)).toEqual([LOCK_FILE])
      await lock.release()
    })

    it('removes a stale lock without --force', async () => {
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
      await lockOf({ pid: child.pid })
      expect(await unlockDataDir(dir.path, false)).toMatchObject({ removed: { pid: child.pid } })
      expect(await readdir(dir.path)).toEqual([])
    })
  })
})
