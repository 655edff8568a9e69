/**
 * The one source of the current time. Services and stores take a Clock, so tests run on a fake one
 * and every timestamp an article, an audit entry or an export carries comes from the same place.
 */
export interface Clock {
  now(): Date
}

/** The computer's clock: the only place the app reads the time (ESLint holds everything else to it). */
export const systemClock: Clock = { now: () => new Date() }

/** A clock's time as the ISO 8601 text the store and the exports carry. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString()
}
