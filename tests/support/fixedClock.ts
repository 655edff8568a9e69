import type { Clock } from '../../src/shared/domain/Clock'

/** A clock that stands at one time: what the import tests read embargoes and datelines against. */
export function fixedClock(iso: string): Clock {
  const at = Date.parse(iso)
  return { now: () => new Date(at) }
}
