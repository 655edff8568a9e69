const MINUTE = 60_000
const HOUR = 60 * MINUTE

/**
 * How often a post waiting as a draft (or for review) is looked at, by how long it has waited:
 * every minute in the first hour after the push, every 15 minutes in the first day, then every
 * six hours. "Check WordPress now" reads it at once whatever this says.
 */
export function watchInterval(waitedMs: number): number {
  if (waitedMs < HOUR) return MINUTE
  if (waitedMs < 24 * HOUR) return 15 * MINUTE
  return 6 * HOUR
}
