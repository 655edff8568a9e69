import { createHash, randomUUID } from 'node:crypto'
import { readdir, realpath, rm, rmdir } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { isoNow, systemClock } from '../../shared/domain/Clock'
import { AppError } from '../../shared/ipc/AppError'
import {
  readSettled,
  readState,
  REAL_LOCK_CLOCK,
  tryCreate,
  type LockClock,
  type LockHolder,
} from './LockFile'
import { isErrnoCode } from './isErrnoCode'
import { inUse, maybeReused, otherHost, unfinishedTakeover } from './lockMessages'
import { bootId, isAlive, processStartTime, sameProcess } from './processIdentity'
import { log } from '../log/log'

export type { LockHolder } from './LockFile'

export const LOCK_FILE = 'copydesk.lock'
/** A takeover of one stale lock in progress: `copydesk.lock.takeover-<stamp hash>` (see takeOver). */
const TAKEOVER_PREFIX = `${LOCK_FILE}.takeover-`

/** Whether a lock may be taken over; if not, what to tell the user, and whether its holder provably runs. */
type Verdict = { stale: true } | { stale: false; message: string; running: boolean }

/** The folders this process holds, by their real path: the same folder named two ways is one. */
const heldInThisProcess = new Set<string>()

/**
 * An exclusive lock on a data directory, so two processes never write the same files.
 * A lock whose process is gone (killed, crashed, or its id since reused) is recovered, race-free.
 */
export class DataDirLock {
  private released = false

  private constructor(
    readonly dir: string,
    readonly holder: LockHolder,
    private readonly key: string,
  ) {}

  /** `clock` times the waits for a lock being written or taken over (tests pass one that does not wait). */
  static async acquire(
    dir: string,
    purpose: string,
    clock: LockClock = REAL_LOCK_CLOCK,
  ): Promise<DataDirLock> {
    const path = join(dir, LOCK_FILE)
    const holder = await newHolder(purpose)
    const key = await folderKey(dir)
    let blocker: LockHolder | null = null
    for (let attempt = 0; attempt < 20; attempt += 1) {
      if (await tryCreate(path, holder)) {
        heldInThisProcess.add(key)
        await removeDeadDrafts(dir)
        await removeDeadTakeovers(dir, holder, clock)
        return new DataDirLock(dir, holder, key)
      }
      const current = await readSettled(path, clock)
      if (!current) continue
      const verdict = await judgeLock(current.holder, key, dir)
      if (!verdict.stale) throw new AppError('DATA_DIR_LOCKED', verdict.message, current.holder)
      blocker = (await takeOver(path, current.stamp, holder, clock)) ?? blocker
    }
    throw new AppError('DATA_DIR_LOCKED', unfinishedTakeover(dir, blocker))
  }

  /**
   * Removes the lock if it is still ours. Never throws: a lock that cannot be removed (the folder
   * went read-only while we ran) is recovered by the next start, its process being gone. Resolves to
   * why it stayed, or null.
   */
  async release(): Promise<string | null> {
    if (this.released) return null
    this.released = true
    heldInThisProcess.delete(this.key)
    try {
      const current = await readState(join(this.dir, LOCK_FILE))
      if (current?.holder?.pid === this.holder.pid && current.holder.nonce === this.holder.nonce)
        await rm(join(this.dir, LOCK_FILE), { force: true })
      return null
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : String(error)
      return `the lock could not be removed (${code}); the next start takes it over`
    }
  }
}

/**
 * `copydesk unlock`: removes a stale lock; with `force`, any lock (a live process whose id may have
 * been reused, another computer's), after the caller has warned the user. Takeovers left half done
 * are cleared too. Returns the holder removed, or null when the folder was not locked.
 */
export async function unlockDataDir(
  dir: string,
  force: boolean,
  clock: LockClock = REAL_LOCK_CLOCK,
): Promise<{ removed: LockHolder | null; unreadable: boolean } | null> {
  const path = join(dir, LOCK_FILE)
  const me = await newHolder('unlock')
  const current = await readSettled(path, clock)
  const verdict = current ? await judgeLock(current.holder, await folderKey(dir), dir) : null
  // A Copydesk provably running on this computer is never unlocked: it must be closed.
  if (verdict && !verdict.stale && (verdict.running || !force))
    throw new AppError('DATA_DIR_LOCKED', verdict.message, {
      ...current?.holder,
      running: verdict.running,
    })
  if (force) for (const name of await takeoverNames(dir)) await removeEntry(join(dir, name))
  if (!current) return null
  await takeOver(path, current.stamp, me, clock)
  return { removed: current.holder, unreadable: current.holder === null }
}

/** The folder as this process tells it apart from others: its real path (links resolved). */
async function folderKey(dir: string): Promise<string> {
  return realpath(dir).catch(() => resolve(dir))
}

/**
 * Removes a lock or a takeover marker. Someone's folder in its place is removed only if empty: it
 * is not ours, and what it holds is not ours to delete.
 */
async function removeEntry(path: string): Promise<void> {
  try {
    await rm(path, { force: true })
  } catch (error) {
    if (!isErrnoCode(error, 'ERR_FS_EISDIR') && !isErrnoCode(error, 'EISDIR')) throw error
    await rmdir(path).catch((failure: unknown) => {
      if (!isErrnoCode(failure, 'ENOTEMPTY') && !isErrnoCode(failure, 'EEXIST')) throw failure
      throw new AppError(
        'DATA_DIR_LOCKED',
        `${path} is a folder, not a lock Copydesk made: move it out of the data folder, then start again.`,
      )
    })
  }
}

async function newHolder(purpose: string): Promise<LockHolder> {
  return {
    pid: process.pid,
    hostname: hostname(),
    purpose,
    since: isoNow(systemClock),
    started: await processStartTime(process.pid),
    boot: await bootId(),
    nonce: randomUUID(),
  }
}

/**
 * Removes the lock file at `path` only if it is still the very file stamped `stamp`. Check-then-remove
 * is only safe when no one else removes it in between, so each removal is guarded by a takeover
 * marker named after that stamp and created exclusively: of all the processes that found the same
 * stale lock, one removes it; the others find the marker, or find a newer lock in its place.
 * The marker is removed only after the lock it guards is gone, so a late process can never take the
 * marker while that lock still exists. A marker left by a process killed mid-takeover is itself taken
 * over the same way.
 */
async function takeOver(
  path: string,
  stamp: string,
  me: LockHolder,
  clock: LockClock,
  depth = 0,
): Promise<LockHolder | null> {
  const dir = dirname(path)
  const marker = join(
    dir,
    `${TAKEOVER_PREFIX}${createHash('sha256').update(stamp).digest('hex').slice(0, 24)}`,
  )
  if (await tryCreate(marker, me)) {
    try {
      if ((await readState(path))?.stamp === stamp) await removeEntry(path)
    } finally {
      await rm(marker, { force: true })
    }
    return null
  }
  const other = await readSettled(marker, clock)
  if (!other) return null
  if (!(await judgeTakeover(other.holder)).stale) {
    // Another process is removing this same lock: let it finish, then look again. Returns who, for
    // the message if it never finishes (another computer's, or a process that cannot be told apart).
    await clock.sleep(20)
    return other.holder
  }
  if (depth >= 3)
    throw new AppError(
      'DATA_DIR_LOCKED',
      `Could not take over the stale lock of ${dir}: takeovers keep failing. Run \`copydesk unlock --force --data-dir "${dir}"\`.`,
    )
  return takeOver(marker, other.stamp, me, clock, depth + 1)
}

/** Whether a data directory's lock may be taken over, and if not, what to tell the user. */
async function judgeLock(holder: LockHolder | null, key: string, dir: string): Promise<Verdict> {
  if (!holder) return { stale: true }
  if (holder.hostname !== hostname())
    return { stale: false, message: otherHost(dir, holder), running: false }
  if (holder.pid === process.pid)
    return heldInThisProcess.has(key)
      ? { stale: false, message: inUse(dir, holder), running: true }
      : { stale: true }
  if (!isAlive(holder.pid)) return { stale: true }
  const same = await sameProcess(holder.pid, holder)
  if (same === 'reused') return { stale: true }
  return same === 'same'
    ? { stale: false, message: inUse(dir, holder), running: true }
    : { stale: false, message: maybeReused(dir, holder), running: false }
}

/** A takeover marker is stale only when its process is provably gone. */
async function judgeTakeover(holder: LockHolder | null): Promise<Verdict> {
  const busy: Verdict = { stale: false, message: 'a takeover is in progress', running: true }
  if (!holder) return { stale: true }
  if (holder.hostname !== hostname() || holder.pid === process.pid) return busy
  if (!isAlive(holder.pid)) return { stale: true }
  return (await sameProcess(holder.pid, holder)) === 'reused' ? { stale: true } : busy
}

/** A process killed between writing its draft and linking it leaves the draft behind. */
async function removeDeadDrafts(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [])) {
    if (!name.startsWith(`.${LOCK_FILE}.`) || !name.endsWith('.tmp')) continue
    const pid = Number(name.split('.').at(-2))
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid))
      await rm(join(dir, name), { force: true })
  }
}

/** Markers of takeovers whose process died midway (see takeOver). */
async function removeDeadTakeovers(dir: string, me: LockHolder, clock: LockClock): Promise<void> {
  for (const name of await takeoverNames(dir)) {
    const marker = await readState(join(dir, name))
    if (marker && (await judgeTakeover(marker.holder)).stale)
      await takeOver(join(dir, name), marker.stamp, me, clock).catch((error: unknown) =>
        log.warn('lock', 'Could not clear a dead process’s lock takeover marker', error),
      )
  }
}

async function takeoverNames(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).filter((name) => name.startsWith(TAKEOVER_PREFIX))
}
