/**
 * How long to wait before acting on a change: a pause of `pauseMs` after the latest one, but never
 * past `maxWaitMs` after the oldest change still waiting (`since`), so steady typing is acted on too.
 */
export function pauseDelay(since: number, now: number, pauseMs: number, maxWaitMs: number): number {
  return Math.max(0, Math.min(pauseMs, since + maxWaitMs - now))
}
