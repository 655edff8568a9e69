import { hostname } from 'node:os'
import { open, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../shared/ipc/AppError'
import { isErrnoCode } from './isErrnoCode'

export const LOCK_FILE = 'copydesk.lock'

const LockHolder = z.object({
  pid: z.number().int(),
  hostname: z.string(),
  purpose: z.string(),
  since: z.string(),
})
type LockHolder = z.infer<typeof LockHolder>

const heldInThisProcess = new Set<string>()

/**
 * An exclusive lock on a data directory, so two processes never write the same files.
 * A lock whose process is gone (killed, crashed) is recovered.
 */
export class DataDirLock {
  private released = false

  private constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {}

  static async acquire(dir: string, purpose: string): Promise<DataDirLock> {
    const path = join(dir, LOCK_FILE)
    const holder: LockHolder = {
      pid: process.pid,
      hostname: hostname(),
      purpose,
      since: new Date().toISOString(),
    }
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await tryCreate(path, holder)) {
        heldInThisProcess.add(dir)
        return new DataDirLock(dir, holder)
      }
      const current = await readHolder(path)
      if (current && !isStale(current, dir)) {
        throw new AppError('DATA_DIR_LOCKED', describeHolder(dir, current), current)
      }
      if (!current && (await isFresh(path))) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          `The data directory ${dir} is being opened by another process right now.`,
        )
      }
      // Stale: move it aside rather than delete, so a racing process cannot lose a fresh lock.
      await rename(path, `${path}.stale-${process.pid}`).catch(() => undefined)
      await rm(`${path}.stale-${process.pid}`, { force: true })
    }
    throw new AppError(
      'DATA_DIR_LOCKED',
      `Could not lock the data directory ${dir}: another process keeps taking it.`,
    )
  }

  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    heldInThisProcess.delete(this.dir)
    const current = await readHolder(join(this.dir, LOCK_FILE))
    if (current && current.pid === this.holder.pid && current.since === this.holder.since) {
      await rm(join(this.dir, LOCK_FILE), { force: true })
    }
  }
}

async function tryCreate(path: string, holder: LockHolder): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'wx')
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) return false
    throw error
  }
  try {
    await handle.writeFile(JSON.stringify(holder))
    await handle.sync()
  } finally {
    await handle.close()
  }
  return true
}

async function readHolder(path: string): Promise<LockHolder | null> {
  try {
    const parsed = LockHolder.safeParse(JSON.parse(await readFile(path, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** An unreadable lock younger than this may be one another process is still writing. */
async function isFresh(path: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs < 2000
  } catch {
    return false
  }
}

function isStale(holder: LockHolder, dir: string): boolean {
  if (holder.hostname !== hostname()) return false
  if (holder.pid === process.pid) return !heldInThisProcess.has(dir)
  try {
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return !isErrnoCode(error, 'EPERM')
  }
}

function describeHolder(dir: string, holder: LockHolder): string {
  return (
    `The data directory ${dir} is in use by Copydesk (${holder.purpose}, process ${holder.pid} on ${holder.hostname}, ` +
    `since ${holder.since}). Close that Copydesk first, or choose another data directory with --data-dir.`
  )
}
