import type { LockHolder } from './LockFile'

/** The command that takes a data folder's lock over, as the messages below spell it. */
export function unlockCommand(dir: string): string {
  return `copydesk unlock --force --data-dir "${dir}"`
}

/** The folder is held by a Copydesk that is running. */
export function inUse(dir: string, holder: LockHolder): string {
  return (
    `The data directory ${dir} is in use by Copydesk (${holder.purpose}, process ${holder.pid} on ${holder.hostname}, ` +
    `since ${holder.since}). Close that Copydesk first, or choose another data directory with --data-dir.`
  )
}

/** Held by a live process that may be Copydesk, or another program given the same id since. */
export function maybeReused(dir: string, holder: LockHolder): string {
  return (
    `${inUse(dir, holder)} If no Copydesk is running on this computer, process ${holder.pid} is another program ` +
    `that was given the same number, and the lock is left over: take the folder over with \`${unlockCommand(dir)}\`.`
  )
}

/** Held by Copydesk on another computer (a shared folder): only a person can tell whether it runs. */
export function otherHost(dir: string, holder: LockHolder): string {
  return (
    `The data directory ${dir} is in use by Copydesk on another computer, ${holder.hostname} (${holder.purpose}, ` +
    `process ${holder.pid}, since ${holder.since}). Close Copydesk there first. If that computer is off or its ` +
    `Copydesk has stopped, take the folder over with \`${unlockCommand(dir)}\`; never while Copydesk on ` +
    `${holder.hostname} may still be running, or both will write the same files and lose work.`
  )
}

/**
 * A takeover of the lock that never finished: its marker names another computer, or a live process
 * that cannot be told from a reused id (no start time on macOS and Windows).
 */
export function unfinishedTakeover(dir: string, holder: LockHolder | null): string {
  const who = holder
    ? `Copydesk (${holder.purpose}, process ${holder.pid} on ${holder.hostname}, since ${holder.since})`
    : 'another process'
  return (
    `Could not lock the data directory ${dir}: ${who} began taking its lock over and has not finished. ` +
    `If no other Copydesk is starting on this folder now, that takeover was cut short: clear it with \`${unlockCommand(dir)}\`.`
  )
}
