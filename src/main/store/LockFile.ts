import { createHash } from 'node:crypto'
import { link, lstat, open, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import { systemClock } from '../../shared/domain/Clock'
import { isErrnoCode } from './isErrnoCode'
import { OWNER_ONLY_FILE } from './ownerOnly'
import { openWithoutFollowing } from './readRegularFile'
import { log } from '../log/log'

/** Who holds a data directory's lock, as its lock file says. */
export const LockHolder = z.object({
  pid: z.number().int(),
  hostname: z.string(),
  purpose: z.string(),
  since: z.string(),
  /** The holder's start time and boot (Linux), to tell it from a later process given the same id. */
  started: z.string().nullable().optional(),
  boot: z.string().nullable().optional(),
  /** Makes every lock file's content unique, so a takeover never mistakes one lock for another. */
  nonce: z.string().optional(),
})
export type LockHolder = z.infer<typeof LockHolder>

/** A lock file as read: its holder (null when unreadable) and a stamp of this very file. */
export type LockState = { holder: LockHolder | null; stamp: string; mtimeMs: number }

/**
 * Writes the holder to a file of our own, then hard-links it into place: the link is atomic and fails
 * if a lock exists, so a process killed at any moment leaves either no lock or a complete one.
 */
export async function tryCreate(path: string, holder: LockHolder): Promise<boolean> {
  const draft = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  try {
    await writeSynced(draft, holder, 'w')
  } catch (error) {
    // A full disk fails the write after the draft was created: leave no draft behind.
    await rm(draft, { force: true }).catch((error: unknown) =>
      log.warn('lock', 'Could not remove a lock draft file', error),
    )
    throw error
  }
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
  const handle = await open(path, flags, OWNER_ONLY_FILE)
  try {
    await handle.writeFile(JSON.stringify(holder))
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * The lock file at `path` and a stamp of that very file (device, inode, mtime, size, content), read
 * from one open file: a later lock, even one with the same content, gets another stamp. Never follows
 * a link nor blocks on a FIFO; anything but a regular file reads as an unreadable lock.
 */
export async function readState(path: string): Promise<LockState | null> {
  let handle
  try {
    handle = await openWithoutFollowing(path)
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return null
    const info = await lstat(path, { bigint: true }).catch(() => null)
    if (!info) return null
    return {
      holder: null,
      stamp: `${info.dev}:${info.ino}:${info.mtimeNs}:other`,
      mtimeMs: Number(info.mtimeMs),
    }
  }
  try {
    const info = await handle.stat({ bigint: true })
    const text = info.isFile() ? await handle.readFile('utf8') : ''
    const hash = createHash('sha256').update(text).digest('hex')
    let holder: LockHolder | null = null
    try {
      const parsed = LockHolder.safeParse(JSON.parse(text))
      holder = parsed.success ? parsed.data : null
    } catch {
      holder = null
    }
    return {
      holder,
      stamp: `${info.dev}:${info.ino}:${info.mtimeNs}:${info.size}:${hash}`,
      mtimeMs: Number(info.mtimeMs),
    }
  } finally {
    await handle.close()
  }
}

/** How long an unreadable lock may be another process still writing it in place (see createInPlace). */
export const UNREADABLE_GRACE_MS = 2000

/** The time and the waits of the lock's recovery; tests pass one that does not wait for real. */
export type LockClock = { now: () => number; sleep: (ms: number) => Promise<void> }

export const REAL_LOCK_CLOCK: LockClock = {
  now: () => systemClock.now().getTime(),
  sleep: (ms) => sleep(ms),
}

/**
 * The lock as read once its holder is readable, or once it has been unreadable for longer than a
 * write in progress could explain: a damaged lock (a crash of a volume without hard links, a bad disk)
 * is then recovered rather than keeping every Copydesk out of the directory. Null when there is none.
 */
export async function readSettled(
  path: string,
  clock: LockClock = REAL_LOCK_CLOCK,
): Promise<LockState | null> {
  // Bounded by our own clock too: a lock dated in the future (clock skew, a copied folder) never ages.
  const deadline = clock.now() + UNREADABLE_GRACE_MS
  for (;;) {
    const state = await readState(path)
    if (!state || state.holder) return state
    const age = Math.max(0, clock.now() - state.mtimeMs)
    if (age >= UNREADABLE_GRACE_MS || clock.now() >= deadline) return state
    await clock.sleep(Math.min(100, UNREADABLE_GRACE_MS - age, deadline - clock.now()))
  }
}
