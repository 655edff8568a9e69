import { readFile } from 'node:fs/promises'
import { isErrnoCode } from './isErrnoCode'

/**
 * What tells one process from another that later got the same number: its start time (clock ticks
 * since boot, /proc/<pid>/stat field 22) and the boot it runs in. Only Linux tells them; elsewhere
 * both are null and a live process id cannot be told from a reused one.
 */
export type ProcessIdentity = { started: string | null; boot: string | null }

/** The start time of process `pid`, or null where the OS does not say (or the process is gone). */
export async function processStartTime(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return fields[19] ?? null
  } catch {
    return null
  }
}

let boot: Promise<string | null> | undefined

/** This machine's current boot, or null where the OS does not say. */
export function bootId(): Promise<string | null> {
  boot ??= readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (text) => text.trim() || null,
    () => null,
  )
  return boot
}

/** Whether a process with this id exists (one we may not signal exists too). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return isErrnoCode(error, 'EPERM')
  }
}

/**
 * For a live `pid` on this machine: 'same' when it is the process that recorded `recorded`, 'reused'
 * when it is provably another (another boot, another start time), 'unknown' when the OS cannot tell.
 */
export async function sameProcess(
  pid: number,
  recorded: Partial<ProcessIdentity>,
): Promise<'same' | 'reused' | 'unknown'> {
  const currentBoot = await bootId()
  if (recorded.boot && currentBoot && recorded.boot !== currentBoot) return 'reused'
  const started = await processStartTime(pid)
  if (!recorded.started || !started) return 'unknown'
  return started === recorded.started ? 'same' : 'reused'
}
