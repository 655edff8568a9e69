import { execFileSync } from 'node:child_process'
import { appendFile, chmod, chown, mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../shared/ipc/AppError'
import { openWorkstation } from '../openWorkstation'
import { OutboxStore } from '../store/OutboxStore'
import { Quarantine } from '../store/Quarantine'
import { tempDir } from '../../../tests/support/tempDir'
import { createWebHost } from './createWebHost'
import { describeStartError } from './describeStartError'
import { systemClock } from '../../shared/domain/Clock'

let dir: Awaited<ReturnType<typeof tempDir>>
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => {
  await dir.cleanup()
})

/** What the host prints when opening `dataDir` fails (the same steps as webHostMain). */
async function startError(dataDir: string): Promise<string> {
  try {
    const ws = await openWorkstation({ dataDir, host: 'web', version: 'test' })
    await ws.close()
  } catch (error) {
    return describeStartError(error, { dataDir, port: 5199 })
  }
  return 'started'
}

const oneSentence = (text: string) => {
  expect(text.split('\n')).toHaveLength(1)
  expect(text).not.toMatch(/\bat .*:\d+:\d+|Error:|errno|syscall/)
}

describe('why the host could not start, in one sentence', () => {
  // Regression: these printed Node's error object with its stack and errno fields.
  it('a port already in use', async () => {
    const squatter = createServer()
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve))
    const address = squatter.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const error = await createWebHost({
      dispatch: () => Promise.resolve({ ok: true, value: null }),
      rendererDir: dir.path,
      port,
    }).then(
      () => null,
      (reason: unknown) => reason,
    )
    squatter.close()
    const text = await describeStartError(error, { dataDir: dir.path, port })
    expect(text).toBe(
      `Port ${port} is already in use: another Copydesk may be running; use --port 0 for any free port.`,
    )
  })

  it('a data folder that cannot be created because a file is in the way', async () => {
    await writeFile(join(dir.path, 'notes.txt'), 'a file, not a folder')
    const dataDir = join(dir.path, 'notes.txt', 'copydesk')
    const text = await startError(dataDir)
    oneSentence(text)
    expect(text).toBe(
      `The data folder ${dataDir} cannot be opened: ${join(dir.path, 'notes.txt')} is a file, not a folder; choose another folder with --data-dir.`,
    )
  })

  it('a data folder on a read-only disk, where this machine lets the test mount one', async (context) => {
    const mount = join(dir.path, 'ro')
    await mkdir(mount)
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro', 'tmpfs', mount], { stdio: 'pipe' })
    } catch (error) {
      context.skip(
        `cannot mount a read-only tmpfs here (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      )
    }
    try {
      const text = await startError(mount)
      // The store may open a read-only folder read-only instead; then there is nothing to say.
      if (text !== 'started') {
        oneSentence(text)
        expect(text).toBe(
          `The data folder ${mount} cannot be opened: it is on a read-only disk; mount it read-write or choose another folder with --data-dir.`,
        )
      }
    } finally {
      execFileSync('umount', [mount])
      await rm(mount, { recursive: true, force: true })
    }
  })

  // Regression (M3): a full disk printed "Copydesk could not start: ENOSPC: no space left on
  // device, write" (the write names no path, so the folder test let it through), and left the
  // lock's draft file (.copydesk.lock.<pid>.tmp) behind in the data folder.
  it('a full disk, where this machine lets the test mount a small one', async (context) => {
    const mount = join(dir.path, 'full')
    await mkdir(mount)
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount], { stdio: 'pipe' })
    } catch (error) {
      context.skip(
        `cannot mount a tmpfs here (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      )
    }
    try {
      const dataDir = join(mount, 'desk')
      await mkdir(join(dataDir, 'articles'), { recursive: true })
      await mkdir(join(dataDir, 'trash'))
      await fill(join(mount, 'filler'))
      const text = await startError(dataDir)
      oneSentence(text)
      expect(text).toBe(
        `The data folder ${dataDir} cannot be opened: the disk is full; free some space or choose another folder with --data-dir.`,
      )
      expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
    } finally {
      execFileSync('umount', [mount])
      await rm(mount, { recursive: true, force: true })
    }
  })

  // Red team M8: outbox.json of another user's (0600) said "you may not write to <dir>; fix its
  // permissions" though the folder was writable; the file at fault went unnamed.
  it.runIf(process.getuid?.() === 0)(
    'a file in the folder this user may not read is named, not the folder',
    async () => {
      const dataDir = join(dir.path, 'data')
      const ws = await openWorkstation({ dataDir, host: 'web', version: 'test' })
      await ws.close()
      const outbox = join(dataDir, 'outbox.json')
      await chmod(dir.path, 0o755)
      execFileSync('chown', ['-R', '65534:65534', dataDir])
      await writeFile(outbox, '{"items":[],"remoteIds":{}}', { mode: 0o600 })
      await chown(outbox, 0, 0)
      // As another user, to whom outbox.json (root's, 0600) is closed.
      process.seteuid?.(65534)
      let error: unknown = null
      try {
        const quarantine = await Quarantine.open(dataDir, systemClock)
        await OutboxStore.open(dataDir, quarantine)
      } catch (reason) {
        error = reason
      } finally {
        process.seteuid?.(0)
      }
      const text = await describeStartError(error, { dataDir, port: 5199 })
      oneSentence(text)
      expect(text).toBe(
        `The data folder ${dataDir} cannot be opened: this user may not read ${outbox} (EACCES); give it back to this user (chown) or move it out of the folder.`,
      )
    },
  )

  it('a store refusal says what the store said, and anything else says it in one line', async () => {
    const locked = new AppError('DATA_DIR_LOCKED', 'The data folder is in use by Copydesk (pid 7).')
    expect(await describeStartError(locked, { dataDir: dir.path, port: 1 })).toBe(
      'The data folder is in use by Copydesk (pid 7).',
    )
    const odd = await describeStartError(new TypeError('boom\n    at x (y.js:1:2)'), {
      dataDir: dir.path,
      port: 1,
    })
    expect(odd).toBe('Copydesk could not start: boom')
  })
})

/** Writes to `file` until the disk has no room left. */
async function fill(file: string): Promise<void> {
  const chunk = Buffer.alloc(4096, 1)
  for (;;) {
    try {
      await appendFile(file, chunk)
    } catch {
      return
    }
  }
}
