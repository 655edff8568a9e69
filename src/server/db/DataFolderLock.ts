import { createHash, randomUUID } from 'node:crypto'
import { link, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../shared/ipc/AppError'

export const DESK_LOCK_FILE = 'desk.lock'

const Holder = z.object({
  pid: z.number().int(),
  hostname: z.string(),
  started: z.string().nullable().catch(null),
  purpose: z.string().catch(''),
  nonce: z.string(),
})
type Holder = z.infer<typeof Holder>

/** The folders this process holds: a second open in the same process is refused too. */
const heldHere = new Set<string>()

/**
 * An exclusive lock on the embedded desk's data folder, since PGlite has none and two processes on
 * one PGlite folder corrupt it. (The workstation's DataDirLock lives in src/main, which the server
 * may not import; this is the server's smaller one, same file-and-process idea.)
 *
 * The lock file is created whole (written aside, then hard-linked into place, which fails if a lock
 * exists). A lock whose process is gone is taken over: the taker first creates a marker named after
 * that exact lock's content, so of several processes finding the same stale lock only one removes
 * it, and only if it is still that lock.
 */
export class DataFolderLock {
  private released = false

  private constructor(
    private readonly path: string,
    private readonly holder: Holder,
  ) {}

  static async acquire(dir: string, purpose: string): Promise<DataFolderLock> {
    const path = join(resolve(dir), DESK_LOCK_FILE)
    const holder: Holder = {
      pid: process.pid,
      hostname: hostname(),
      started: await startedAt(process.pid),
      purpose,
      nonce: randomUUID(),
    }
    const text = JSON.stringify(holder)
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (!heldHere.has(path) && (await createExclusive(path, text))) {
        heldHere.add(path)
        return new DataFolderLock(path, holder)
      }
      const current = await readFile(path, 'utf8').catch(() => null)
      if (current === null) continue
      const other = parseHolder(current)
      if (heldHere.has(path) || (other && !(await isStale(other))))
        throw new AppError('DATA_DIR_LOCKED', lockedMessage(dir, other), other)
      const marker = `${path}.takeover-${createHash('sha256').update(current).digest('hex').slice(0, 16)}`
      if (!(await createExclusive(marker, text))) {
        const taker = parseHolder((await readFile(marker, 'utf8').catch(() => null)) ?? '')
        if (taker && (await isStale(taker)))
          throw new AppError(
            'DATA_DIR_LOCKED',
            `A start that was taking over the stale lock of ${dir} was killed midway: make sure no desk server runs on this folder, delete ${path} and ${marker}, then start again.`,
          )
        continue
      }
      try {
        if ((await readFile(path, 'utf8').catch(() => null)) === current)
          await rm(path, { force: true })
      } finally {
        await rm(marker, { force: true })
      }
    }
    throw new AppError('DATA_DIR_LOCKED', `Could not lock ${dir}: other processes keep taking it.`)
  }

  /** Removes the lock if it is still ours; never throws (a leftover lock of a gone process is stale). */
  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    heldHere.delete(this.path)
    const current = parseHolder((await readFile(this.path, 'utf8').catch(() => null)) ?? '')
    if (current?.nonce === this.holder.nonce) await rm(this.path, { force: true }).catch(() => {})
  }
}

async function createExclusive(path: string, text: string): Promise<boolean> {
  const draft = `${path}.${process.pid}.${randomUUID()}.tmp`
  await writeFile(draft, text, { mode: 0o600 })
  try {
    await link(draft, path)
    return true
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false
    throw error
  } finally {
    await rm(draft, { force: true })
  }
}

function parseHolder(text: string): Holder | null {
  try {
    const parsed = Holder.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * Stale: same computer and the process is gone, or its id now belongs to another process (a
 * restarted container's server is pid 1 again: this very process, which does not hold the lock).
 */
async function isStale(holder: Holder): Promise<boolean> {
  if (holder.hostname !== hostname()) return false
  if (holder.pid === process.pid) return true
  try {
    process.kill(holder.pid, 0)
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'ESRCH'
  }
  const stat = await procStat(holder.pid)
  // A killed server its parent has not reaped yet is a zombie: gone, holding no files.
  if (stat?.state === 'Z' || stat?.state === 'X') return true
  const started = stat?.started ?? null
  return started !== null && holder.started !== null && started !== holder.started
}

/** The process's start time in clock ticks since boot (Linux), telling a reused pid apart. */
async function startedAt(pid: number): Promise<string | null> {
  return (await procStat(pid))?.started ?? null
}

/** A process's state letter and start time from /proc (Linux); null elsewhere or when it is gone. */
async function procStat(pid: number): Promise<{ state: string; started: string | null } | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)
  if (stat === null) return null
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return { state: fields[0] ?? '', started: fields[19] ?? null }
}

function lockedMessage(dir: string, holder: Holder | null): string {
  if (!holder)
    return `${dir} is in use: its lock file cannot be read. Another desk server may be starting.`
  const where =
    holder.hostname === hostname()
      ? `process ${holder.pid}`
      : `process ${holder.pid} on ${holder.hostname}`
  return `${dir} is in use by ${holder.purpose || 'another Copydesk process'} (${where}). Stop it first, or give this server another data folder.`
}
