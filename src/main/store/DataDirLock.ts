import { createHash, randomUUID } from 'node:crypto'
import { readdir, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { AppError } from '../../shared/ipc/AppError'
import { readSettled, readState, tryCreate, type LockHolder } from './LockFile'
import { inUse, maybeReused, otherHost } from './lockMessages'
import { bootId, isAlive, processStartTime, sameProcess } from './processIdentity'

export type { LockHolder } from './LockFile'

export const LOCK_FILE = 'copydesk.lock'
/** A takeover of one stale lock in progress: `copydesk.lock.takeover-<stamp hash>` (see takeOver). */
const TAKEOVER_PREFIX = `${LOCK_FILE}.takeover-`

type Verdict = { stale: true } | { stale: false; message: string }

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
  ) {}

  static async acquire(dir: string, purpose: string): Promise<DataDirLock> {
    const path = join(dir, LOCK_FILE)
    const holder = await newHolder(purpose)
    for (let attempt = 0; attempt < 20; attempt += 1) {
      if (await tryCreate(path, holder)) {
        heldInThisProcess.add(dir)
        await removeDeadDrafts(dir)
        await removeDeadTakeovers(dir, holder)
        return new DataDirLock(dir, holder)
      }
      const current = await readSettled(path)
      if (!current) continue
      const verdict = await judgeLock(current.holder, dir)
      if (!verdict.stale) throw new AppError('DATA_DIR_LOCKED', verdict.message, current.holder)
      await takeOver(path, current.stamp, holder)
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
    const current = await readState(join(this.dir, LOCK_FILE))
    if (current?.holder?.pid === this.holder.pid && current.holder.nonce === this.holder.nonce) {
      await rm(join(this.dir, LOCK_FILE), { force: true })
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
): Promise<{ removed: LockHolder | null; unreadable: boolean } | null> {
  const path = join(dir, LOCK_FILE)
  const me = await newHolder('unlock')
  const current = await readSettled(path)
  if (force) for (const name of await takeoverNames(dir)) await rm(join(dir, name), { force: true })
  if (!current) return null
  const verdict = await judgeLock(current.holder, dir)
  if (!verdict.stale && !force)
    throw new AppError('DATA_DIR_LOCKED', verdict.message, current.holder)
  await takeOver(path, current.stamp, me)
  return { removed: current.holder, unreadable: current.holder === null }
}

async function newHolder(purpose: string): Promise<LockHolder> {
  return {
    pid: process.pid,
    hostname: hostname(),
    purpose,
    since: new Date().toISOString(),
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
async function takeOver(path: string, stamp: string, me: LockHolder, depth = 0): Promise<void> {
  const dir = dirname(path)
  const marker = join(
    dir,
    `${TAKEOVER_PREFIX}${createHash('sha256').update(stamp).digest('hex').slice(0, 24)}`,
  )
  if (await tryCreate(marker, me)) {
    try {
      if ((await readState(path))?.stamp === stamp) await rm(path, { force: true })
    } finally {
      await rm(marker, { force: true })
    }
    return
  }
  const other = await readSettled(marker)
  if (!other) return
  if (!(await judgeTakeover(other.holder)).stale) {
    // Another process is removing this same lock: let it finish, then look again.
    await sleep(20)
    return
  }
  if (depth >= 3)
    throw new AppError(
      'DATA_DIR_LOCKED',
      `Could not take over the stale lock of ${dir}: takeovers keep failing. Run \`copydesk unlock --force --data-dir "${dir}"\`.`,
    )
  await takeOver(marker, other.stamp, me, depth + 1)
}

/** Whether a data directory's lock may be taken over, and if not, what to tell the user. */
async function judgeLock(holder: LockHolder | null, dir: string): Promise<Verdict> {
  if (!holder) return { stale: true }
  if (holder.hostname !== hostname()) return { stale: false, message: otherHost(dir, holder) }
  if (holder.pid === process.pid)
    return heldInThisProcess.has(dir)
      ? { stale: false, message: inUse(dir, holder) }
      : { stale: true }
  if (!isAlive(holder.pid)) return { stale: true }
  const same = await sameProcess(holder.pid, holder)
  if (same === 'reused') return { stale: true }
  return { stale: false, message: same === 'same' ? inUse(dir, holder) : maybeReused(dir, holder) }
}

/** A takeover marker is stale only when its process is provably gone. */
async function judgeTakeover(holder: LockHolder | null): Promise<Verdict> {
  const busy: Verdict = { stale: false, message: 'a takeover is in progress' }
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
async function removeDeadTakeovers(dir: string, me: LockHolder): Promise<void> {
  for (const name of await takeoverNames(dir)) {
    const marker = await readState(join(dir, name))
    if (marker && (await judgeTakeover(marker.holder)).stale)
      await takeOver(join(dir, name), marker.stamp, me).catch(() => undefined)
  }
}

async function takeoverNames(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).filter((name) => name.startsWith(TAKEOVER_PREFIX))
}
