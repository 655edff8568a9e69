import { z } from 'zod'
import { AppError } from '../shared/ipc/AppError'
import { unlockDataDir, type LockHolder } from '../main/store/DataDirLock'

type Io = { out: (text: string) => void; err: (text: string) => void }

/**
 * `copydesk unlock [--force]`: removes a data folder's lock that no running Copydesk holds. A stale
 * one (its process gone) goes without --force; one that may still be held (a live process whose id
 * may have been reused, another computer's) only with --force, after a warning. One held by a
 * Copydesk provably running on this computer is never removed. Says what it removed.
 */
export async function runUnlock(dataDir: string, force: boolean, io: Io): Promise<number> {
  if (force)
    io.err(
      'copydesk: warning: removing the lock whatever holds it. If a Copydesk still has this data folder open ' +
        '(on this computer or another), both will write the same files and work will be lost: close it first.',
    )
  let result
  try {
    result = await unlockDataDir(dataDir, force)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const refused = error instanceof AppError && error.code === 'DATA_DIR_LOCKED'
    // A Copydesk provably running here is never unlocked, --force or not: it must be closed.
    const running =
      refused && z.object({ running: z.literal(true) }).safeParse(error.details).success
    io.err(
      !refused
        ? `copydesk: could not unlock ${dataDir}: ${message}`
        : running
          ? `copydesk: ${message}\nNothing was removed: that Copydesk is running on this computer.`
          : `copydesk: ${message}\nNothing was removed. Run \`copydesk unlock --force --data-dir "${dataDir}"\` only once you are sure.`,
    )
    return 1
  }
  if (!result) {
    io.out(`The data folder ${dataDir} was not locked.`)
    return 0
  }
  io.out(`Removed the lock of ${dataDir}: ${describe(result.removed)}.`)
  return 0
}

function describe(holder: LockHolder | null): string {
  if (!holder) return 'an unreadable lock file'
  return `Copydesk (${holder.purpose}), process ${holder.pid} on ${holder.hostname}, since ${holder.since}`
}
