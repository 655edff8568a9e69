import { spawn } from 'node:child_process'
import { readdir, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LOCK_FILE } from '../main/store/DataDirLock'
import { bootId, processStartTime } from '../main/store/processIdentity'
import { tempDir } from '../../tests/support/tempDir'
import { runCliCaptured } from '../../tests/support/runCliCaptured'

let dir: Awaited<ReturnType<typeof tempDir>>
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

function cli(...args: string[]) {
  return runCliCaptured([...args, '--data-dir', dir.path])
}

const otherComputer = {
  pid: 4242,
  hostname: 'newsroom-pc-7',
  purpose: 'desktop app',
  since: '2026-01-23T10:00:00.000Z',
}

describe('copydesk unlock', () => {
  // Issue 11, 3.8: a lock of another computer kept every Copydesk out of the folder, with no way out.
  it("tells how to take over another computer's lock, and --force takes it over with a warning", async () => {
    await writeFile(join(dir.path, LOCK_FILE), JSON.stringify(otherComputer))
    const list = await cli('list')
    expect(list.code).toBe(1)
    expect(list.err).toMatch(/another computer, newsroom-pc-7.*copydesk unlock --force --data-dir/)

    const refused = await cli('unlock')
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/Nothing was removed/)
    expect(await readdir(dir.path)).toContain(LOCK_FILE)

    const forced = await cli('unlock', '--force')
    expect(forced.code).toBe(0)
    expect(forced.err).toMatch(/^copydesk: warning: .*both will write the same files/)
    expect(forced.out).toBe(
      `Removed the lock of ${dir.path}: Copydesk (desktop app), process 4242 on newsroom-pc-7, since 2026-01-23T10:00:00.000Z.`,
    )
    expect((await cli('list')).code).toBe(0)
    expect((await cli('unlock')).out).toBe(`The data folder ${dir.path} was not locked.`)
  })

  // Red team M7: --force removed the lock of a Copydesk still running here (and the refusal said to
  // use --force): two hosts then served one folder.
  it.runIf(process.platform === 'linux')(
    'refuses a Copydesk running on this computer, --force or not, and says to close it',
    async () => {
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
      try {
        await writeFile(
          join(dir.path, LOCK_FILE),
          JSON.stringify({
            pid: child.pid,
            hostname: hostname(),
            purpose: 'browser host',
            since: '2026-01-23T10:00:00.000Z',
            started: await processStartTime(child.pid ?? 0),
            boot: await bootId(),
          }),
        )
        for (const args of [['unlock'], ['unlock', '--force']]) {
          const refused = await cli(...args)
          expect(refused.code).toBe(1)
          expect(refused.err).toMatch(/Close that Copydesk first/)
          expect(refused.err).toMatch(
            /Nothing was removed: that Copydesk is running on this computer\.$/,
          )
          expect(refused.err).not.toMatch(/--data-dir "/)
        }
        expect(await readdir(dir.path)).toContain(LOCK_FILE)
      } finally {
        child.kill('SIGKILL')
      }
    },
  )
})
