import { z } from 'zod'

/** A change the desk refused for good (not a conflict): the local text was kept as a version. */
export const SyncRefusal = z.object({
  storyId: z.string(),
  /** The desk's own words. */
  reason: z.string(),
  at: z.iso.datetime(),
})
export type SyncRefusal = z.infer<typeof SyncRefusal>

/**
 * A story whose local changes wait, in the queue, for another person's edit lease on it to end
 * (released, lapsed or taken over): nothing is refused, they are sent again then.
 */
export const SyncLeaseWait = z.object({
  storyId: z.string(),
  headline: z.string(),
  /** The lease holder's name. */
  holder: z.string(),
  /** The holder is this person's own account, on another device. */
  yourAccount: z.boolean(),
  /** When the lease runs out unless renewed, on this computer's clock. */
  until: z.iso.datetime(),
})
export type SyncLeaseWait = z.infer<typeof SyncLeaseWait>

/** Progress of the first download of the desk's stories. `total` is null while the desk does not say. */
export const FirstSyncProgress = z.object({
  done: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  finished: z.boolean(),
})
export type FirstSyncProgress = z.infer<typeof FirstSyncProgress>

/**
 * What the connection indicator shows. `connection`: `connecting` before the desk first answers,
 * `online`, `offline` (since `offlineSince`, why in `reason`), `signed-out` (the device's sign-in
 * expired or was revoked: sync stops until it signs in again).
 */
export const SyncStatus = z.object({
  connection: z.enum(['connecting', 'online', 'offline', 'signed-out']),
  offlineSince: z.iso.datetime().nullable(),
  reason: z.string().nullable(),
  /** Local changes not yet accepted by the desk. */
  pending: z.number().int().min(0),
  /** The last change the desk refused. */
  refused: SyncRefusal.nullable(),
  firstSync: FirstSyncProgress,
  /** The sync queue's file was found damaged and set aside (listed with the store's problems). */
  queueDamaged: z.boolean(),
  /**
   * How far this computer's clock is from the desk's (positive: ahead), when the desk last
   * answered; null when it has not. Sync orders changes by the desk's revisions, so it still works.
   */
  clockSkewMs: z.number().int().nullable().optional(),
  /** The local disk is full: saves are refused until there is room (nothing is acknowledged unsaved). */
  diskFull: z.boolean().optional(),
  /** Stories whose changes wait for another's edit lease to end, first queued first. */
  leaseWaits: z.array(SyncLeaseWait).optional(),
})
export type SyncStatus = z.infer<typeof SyncStatus>

/** A skew smaller than this is the ordinary drift of a computer's clock: not worth saying. */
export const CLOCK_SKEW_SHOWN_MS = 5 * 60_000

/** "This computer's clock is 3 hours off (ahead of the desk's)", or null when it is close enough to the desk's. */
export function describeClockSkew(skewMs: number | null | undefined): string | null {
  if (skewMs === null || skewMs === undefined || Math.abs(skewMs) < CLOCK_SKEW_SHOWN_MS) return null
  const minutes = Math.round(Math.abs(skewMs) / 60_000)
  const hours = Math.round(minutes / 60)
  const amount = minutes < 90 ? `${minutes} minutes` : `${hours} hour${hours === 1 ? '' : 's'}`
  return `This computer's clock is ${amount} off (${skewMs > 0 ? 'ahead of' : 'behind'} the desk's)`
}

/** The indicator's words: "Online", "Offline since 14:02 (…)", "Syncing 3 changes", … */
export function describeSyncStatus(status: SyncStatus, time: (iso: string) => string): string {
  const words = describeConnection(status, time)
  if (status.diskFull) return `The disk is full: saving is refused until there is room. ${words}`
  const skew = describeClockSkew(status.clockSkewMs)
  return skew ? `${words}. ${skew}; sync still works` : words
}

function describeConnection(status: SyncStatus, time: (iso: string) => string): string {
  const changes = `${status.pending} change${status.pending === 1 ? '' : 's'}`
  switch (status.connection) {
    case 'signed-out':
      return `Sign-in expired: sign in again to sync${status.pending ? ` (${changes} waiting)` : ''}`
    case 'offline':
      return `Offline since ${status.offlineSince ? time(status.offlineSince) : 'start'}${
        status.pending ? `: ${changes} will reach the desk when online` : ''
      }`
    case 'connecting':
      return 'Connecting to the desk'
    case 'online':
      if (status.refused) return `The desk refused a change: ${status.refused.reason}`
      if (status.leaseWaits?.length) return describeLeaseWaits(status.leaseWaits, time)
      if (!status.firstSync.finished)
        return `Downloading the desk's stories: ${status.firstSync.done}${
          status.firstSync.total === null ? '' : ` of ${status.firstSync.total}`
        }`
      return status.pending ? `Syncing ${changes}` : 'Online'
  }
}

/**
 * "Waiting for Ben Chief to finish editing “Bridge vote” (until 14:07)": what holds a change back,
 * in a writer's words; more stories waiting are counted after the first.
 */
export function describeLeaseWaits(
  waits: readonly SyncLeaseWait[],
  time: (iso: string) => string,
): string {
  const [first, ...others] = waits
  if (first === undefined) return ''
  const story = first.headline.trim() ? `“${first.headline.trim()}”` : 'an untitled story'
  const words = first.yourAccount
    ? `Waiting for ${story} to be closed on your other device (until ${time(first.until)})`
    : `Waiting for ${first.holder} to finish editing ${story} (until ${time(first.until)})`
  const more = others.length
  return more === 0 ? words : `${words}, and ${more} more ${more === 1 ? 'story' : 'stories'}`
}
