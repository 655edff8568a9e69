import { hostname } from 'node:os'
import { link, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { basename, dirname, join } from 'node:path'
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
        await removeDeadDrafts(path)
        return new DataDirLock(dir, holder)
      }
      const current = await readSettledHolder(path)
      if (current && !isStale(current, dir)) {
        throw new AppError('DATA_DIR_LOCKED', describeHolder(dir, current), current)
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

/**
 * Writes the holder to a file of our own, then hard-links it into place: the link is atomic and fails
 * if a lock exists, so a process killed at any moment leaves either no lock or a complete one.
 */
async function tryCreate(path: string, holder: LockHolder): Promise<boolean> {
  const draft = draftPath(path, process.pid)
  await writeSynced(draft, holder, 'w')
  try {
    await link(draft, path)
    return true
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) return false
    // Some volumes (FAT, a few network shares) have no hard links: create in place instead.
    if (
      isErrnoCode(error, 'EPERM') ||
      isErrnoCode(error, 'ENOTSUP') ||
      isErrnoCode(error, 'ENOSYS')
    )
      return createInPlace(path, holder)
    throw error
  } finally {
    await rm(draft, { force: true })
  }
}

function draftPath(path: string, pid: number): string {
  return join(dirname(path), `.${basename(path)}.${pid}.tmp`)
}

/** A process killed between writing its draft and linking it leaves the draft behind. */
async function removeDeadDrafts(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`
  for (const name of await readdir(dirname(path)).catch(() => [])) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue
    const pid = Number(name.slice(prefix.length, -'.tmp'.length))
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid))
      await rm(join(dirname(path), name), { force: true })
  }
}

async function createInPlace(path: string, holder: LockHolder): Promise<boolean> {
  try {
    await writeSynced(path, holder, 'wx')
    return true
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) return false
    throw error
  }
}

async function writeSynced(path: string, holder: LockHolder, flags: 'w' | 'wx'): Promise<void> {
  const handle = await open(path, flags)
  try {
    await handle.writeFile(JSON.stringify(holder))
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function readHolder(path: string): Promise<LockHolder | null> {
  try {
    const parsed = LockHolder.safeParse(JSON.parse(await readFile(path, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** How long an unreadable lock may be another process still writing it in place (see createInPlace). */
const UNREADABLE_GRACE_MS = 2000

/**
 * The lock's holder, or null once the lock has been unreadable for longer than a write in progress
 * could explain: a damaged lock (a crash of a volume without hard links, a bad disk) is then recovered
 * rather than keeping every Copydesk out of the directory.
 */
async function readSettledHolder(path: string): Promise<LockHolder | null> {
  // Bounded by our own clock too: a lock dated in the future (clock skew, a copied folder) never ages.
  const deadline = Date.now() + UNREADABLE_GRACE_MS
  for (;;) {
    const holder = await readHolder(path)
    if (holder) return holder
    const age = await ageMs(path)
    if (age === null || age >= UNREADABLE_GRACE_MS || Date.now() >= deadline) return null
    await sleep(Math.min(100, UNREADABLE_GRACE_MS - age, deadline - Date.now()))
  }
}

async function ageMs(path: string): Promise<number | null> {
  try {
    return Math.max(0, Date.now() - (await stat(path)).mtimeMs)
  } catch {
    return null
  }
}

function isStale(holder: LockHolder, dir: string): boolean {
  if (holder.hostname !== hostname()) return false
  if (holder.pid === process.pid) return !heldInThisProcess.has(dir)
  return !isAlive(holder.pid)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return isErrnoCode(error, 'EPERM')
  }
}

function describeHolder(dir: string, holder: LockHolder): string {
  return (
    `The data directory ${dir} is in use by Copydesk (${holder.purpose}, process ${holder.pid} on ${holder.hostname}, ` +
    `since ${holder.since}). Close that Copydesk first, or choose another data directory with --data-dir.`
  )
}
