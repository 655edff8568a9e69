/** True for a time zone the platform knows by its IANA name ("Europe/Oslo", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (!name.trim()) return false
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name })
    return true
  } catch {
    return false
  }
}

/** The desk's time zone: its setting, or the computer's when the desk has not chosen one. */
export function deskTimeZone(setting: string): string {
  return setting && isTimeZone(setting)
    ? setting
    : Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/**
 * A stored UTC time as the desk reads it: "9 Mar 2026, 11:00 CET". The zone's abbreviation (or
 * its offset) is always said, so a time is never read in the wrong zone.
 */
export function formatDeskTime(iso: string, timeZone: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(date)
}

/** The calendar date (YYYY-MM-DD) of a UTC time in a time zone: what a dateline says. */
export function localDate(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** The wall-clock value ("2026-03-29T02:30") of a UTC time in a time zone, for a datetime-local input. */
export function wallClock(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`
}

/**
 * A wall-clock time typed in the desk's zone ("2026-10-25T02:30") as a UTC ISO time. A time that
 * a daylight-saving change skips is moved forward past the gap; one it repeats is the first.
 */
export function fromWallClock(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)
  if (!match) return null
  const [, y, mo, d, h, mi] = match.map(Number)
  const wanted = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0)
  // The zone's offset at a moment, from how that moment reads there.
  const offsetAt = (utc: number) =>
    Date.parse(`${wallClock(new Date(utc).toISOString(), timeZone)}Z`) - utc
  const candidates = [offsetAt(wanted - 86_400_000), offsetAt(wanted + 86_400_000)]
    .map((offset) => wanted - offset)
    .filter((utc) => wallClock(new Date(utc).toISOString(), timeZone) === value)
    .sort((a, b) => a - b)
  const first = candidates[0]
  if (first !== undefined) return new Date(first).toISOString()
  // In the gap of a spring-forward: the same wall time after the clocks moved.
  return new Date(wanted - offsetAt(wanted - 86_400_000)).toISOString()
}
