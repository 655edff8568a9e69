import type { ArticleStatus } from './Article'
import { formatDeskTime } from './deskTime'
import type { Role } from './Profile'

/** WordPress publishes at once a post whose date is less than this ahead (wp_insert_post). */
export const SCHEDULE_MIN_LEAD_MS = 60_000

/** The story's times as the rules read them. */
export type PublicationTimes = {
  embargoedUntil: string | null
  scheduledFor: string | null
}

/** The embargo when it has not passed at `now`; null when there is none or it has passed. */
export function pendingEmbargo(times: PublicationTimes, now: Date): string | null {
  const at = times.embargoedUntil
  return at && Date.parse(at) > now.getTime() ? at : null
}

/**
 * Why the story may not be made public now (final export, push, Mark published), or null. A push
 * scheduled at the embargo's time may go (the CMS holds it); nothing else may before the time.
 */
export function embargoHold(
  times: PublicationTimes,
  now: Date,
  timeZone: string,
  what = 'be made public',
): string | null {
  const at = pendingEmbargo(times, now)
  return at
    ? `Embargoed until ${formatDeskTime(at, timeZone)}: it cannot ${what} before then.`
    : null
}

const PUBLISHED_STATES: readonly ArticleStatus[] = ['published', 'corrected', 'killed']

export type EmbargoChange = {
  role: Role
  status: ArticleStatus
  publishedAt: string | null
  current: PublicationTimes
  /** The embargo asked for; null lifts it. */
  next: string | null
  now: Date
  timeZone: string
}

/**
 * Whether the embargo may become `next`. Anyone may put one on a story that has none; lifting or
 * changing one needs a desk chief. It cannot be in the past, on a story already published, or at
 * another time than the story's schedule (the story would go out before or after its embargo).
 */
export function decideEmbargoChange(
  change: EmbargoChange,
): { ok: true; changed: boolean } | { ok: false; reason: string } {
  const { current, next } = change
  const same =
    current.embargoedUntil === next ||
    (current.embargoedUntil !== null &&
      next !== null &&
      Date.parse(current.embargoedUntil) === Date.parse(next))
  if (same) return { ok: true, changed: false }
  if (current.embargoedUntil !== null && change.role !== 'desk-chief')
    return {
      ok: false,
      reason: `${next === null ? 'Lifting' : 'Changing'} an embargo needs a desk chief.`,
    }
  if (next === null) return { ok: true, changed: true }
  const at = Date.parse(next)
  if (Number.isNaN(at)) return { ok: false, reason: `“${next}” is not a time.` }
  if (change.publishedAt !== null || PUBLISHED_STATES.includes(change.status))
    return { ok: false, reason: 'An embargo cannot be set on a story that was already published.' }
  if (at <= change.now.getTime())
    return {
      ok: false,
      reason: `An embargo cannot be set in the past (${formatDeskTime(next, change.timeZone)}).`,
    }
  if (current.scheduledFor !== null && Date.parse(current.scheduledFor) !== at)
    return {
      ok: false,
      reason: `The story is scheduled for ${formatDeskTime(current.scheduledFor, change.timeZone)}: an embargo at another time would contradict it. Change or clear the schedule first.`,
    }
  return { ok: true, changed: true }
}

export type ScheduleChange = {
  role: Role
  status: ArticleStatus
  current: PublicationTimes
  /** The time asked for; null unschedules. */
  next: string | null
  now: Date
  timeZone: string
}

/**
 * Whether the schedule may become `next`: a desk chief's decision on an approved story (approving
 * "for a time" is approving, then this). It must be ahead of now, and with an embargo it must be the
 * embargo's time: a story cannot carry an embargo and a different scheduled time.
 */
export function decideScheduleChange(
  change: ScheduleChange,
): { ok: true; changed: boolean } | { ok: false; reason: string } {
  const { current, next } = change
  if (
    current.scheduledFor === next ||
    (current.scheduledFor !== null &&
      next !== null &&
      Date.parse(current.scheduledFor) === Date.parse(next))
  )
    return { ok: true, changed: false }
  if (change.role !== 'desk-chief')
    return { ok: false, reason: 'Scheduling publication is for a desk chief.' }
  if (next === null) return { ok: true, changed: true }
  if (change.status !== 'approved')
    return { ok: false, reason: 'Only an approved story can be scheduled; approve it first.' }
  const at = Date.parse(next)
  if (Number.isNaN(at)) return { ok: false, reason: `“${next}” is not a time.` }
  if (at <= change.now.getTime())
    return {
      ok: false,
      reason: `A publication time must be ahead; ${formatDeskTime(next, change.timeZone)} has passed.`,
    }
  if (current.embargoedUntil !== null && Date.parse(current.embargoedUntil) !== at)
    return {
      ok: false,
      reason: `The story is embargoed until ${formatDeskTime(current.embargoedUntil, change.timeZone)}: schedule it for that time, or have a desk chief change the embargo first.`,
    }
  return { ok: true, changed: true }
}

/**
 * An ISO time given by a person or a program (CLI, IPC): it must carry its offset (Z or +01:00),
 * since a bare "2026-06-01T06:00" could mean any zone. The answer is UTC ISO.
 */
export function parseOffsetTime(
  value: string,
): { ok: true; iso: string } | { ok: false; reason: string } {
  const text = value.trim()
  const match = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/i.exec(
    text,
  )
  if (!match)
    return {
      ok: false,
      reason: `“${text}” is not an ISO time; write it like 2026-06-01T06:00+02:00.`,
    }
  if (!match[3])
    return {
      ok: false,
      reason: `“${text}” has no offset; add the time zone's offset, like ${text}+02:00 or ${text}Z.`,
    }
  const at = Date.parse(text)
  if (Number.isNaN(at)) return { ok: false, reason: `“${text}” is not a real time.` }
  return { ok: true, iso: new Date(at).toISOString() }
}

/** The audit trail's words for an embargo change, in UTC as the trail keeps every time. */
export function embargoNote(change: { from: string | null; to: string | null }): string {
  if (change.to === null) return `Embargo lifted (was until ${change.from ?? ''})`
  return change.from === null
    ? `Embargoed until ${change.to}`
    : `Embargo moved from ${change.from} to ${change.to}`
}

/**
 * Until when the outbox holds a push of this story to `target`, or null to send it now. A story
 * scheduled at least a minute ahead goes to WordPress at once as a scheduled post (WordPress
 * publishes it); anything else waits for its time: a webhook, a WordPress push under a minute ahead
 * (WordPress would publish it at once), and any push under an embargo that is not so scheduled.
 */
export function outboxHold(
  times: PublicationTimes,
  target: 'webhook' | 'wordpress',
  now: Date,
): string | null {
  const at =
    times.scheduledFor && Date.parse(times.scheduledFor) > now.getTime() ? times.scheduledFor : null
  const embargo = pendingEmbargo(times, now)
  if (
    at &&
    target === 'wordpress' &&
    Date.parse(at) - now.getTime() >= SCHEDULE_MIN_LEAD_MS &&
    (!embargo || Date.parse(embargo) <= Date.parse(at))
  )
    return null
  const waits = [at, embargo].filter((t): t is string => t !== null)
  if (waits.length === 0) return null
  return new Date(Math.max(...waits.map((t) => Date.parse(t)))).toISOString()
}

/** How a scheduled story goes to WordPress now: a scheduled post ahead of time, published after. */
export function wordPressSchedule(
  scheduledFor: string | null,
  now: Date,
): { at: string; status: 'future' | 'publish' } | null {
  if (!scheduledFor) return null
  const ahead = Date.parse(scheduledFor) - now.getTime()
  return { at: scheduledFor, status: ahead >= SCHEDULE_MIN_LEAD_MS ? 'future' : 'publish' }
}

/** What the list, the queue and the editor bar say of a story's times, in the desk's zone. */
export function publishingTimeLines(
  times: PublicationTimes,
  now: Date,
  timeZone: string,
): string[] {
  const lines: string[] = []
  if (times.scheduledFor)
    lines.push(`Scheduled for ${formatDeskTime(times.scheduledFor, timeZone)}`)
  const embargo = embargoLine(times, now, timeZone)
  if (embargo) lines.push(embargo)
  return lines
}

/** "Embargoed until 9 Mar 2026, 11:00 CET" while the embargo holds; null when none or passed. */
export function embargoLine(times: PublicationTimes, now: Date, timeZone: string): string | null {
  const embargo = pendingEmbargo(times, now)
  return embargo ? `Embargoed until ${formatDeskTime(embargo, timeZone)}` : null
}
