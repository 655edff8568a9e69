import { describe, expect, it } from 'vitest'
import {
  deskTimeZone,
  formatDeskTime,
  fromWallClock,
  isTimeZone,
  localDate,
  wallClock,
} from './deskTime'

describe('deskTime', () => {
  it('knows IANA names and refuses anything else', () => {
    expect(isTimeZone('Europe/Oslo')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
    expect(isTimeZone('')).toBe(false)
    expect(deskTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata')
    expect(isTimeZone(deskTimeZone(''))).toBe(true)
  })
  it('says a time in the desk zone across the spring change in Oslo (29 March 2026)', () => {
    expect(formatDeskTime('2026-03-29T00:30:00Z', 'Europe/Oslo')).toBe('29 Mar 2026, 01:30 CET')
    expect(formatDeskTime('2026-03-29T01:30:00Z', 'Europe/Oslo')).toBe('29 Mar 2026, 03:30 CEST')
  })
  it('a dateline date is the local date, not the UTC one', () => {
    expect(localDate('2026-10-24T22:30:00Z', 'Europe/Oslo')).toBe('2026-10-25')
    expect(localDate('2026-10-24T22:30:00Z', 'America/New_York')).toBe('2026-10-24')
  })
  it('reads a typed wall-clock time in the desk zone, around both changes', () => {
    expect(fromWallClock('2026-06-01T06:00', 'Europe/Oslo')).toBe('2026-06-01T04:00:00.000Z')
    expect(fromWallClock('2026-01-10T06:00', 'Europe/Oslo')).toBe('2026-01-10T05:00:00.000Z')
    // 02:30 does not exist on 29 March: the clocks jump from 02:00 to 03:00.
    expect(fromWallClock('2026-03-29T02:30', 'Europe/Oslo')).toBe('2026-03-29T01:30:00.000Z')
    // 02:30 happens twice on 25 October: the first (summer time) is meant.
    expect(fromWallClock('2026-10-25T02:30', 'Europe/Oslo')).toBe('2026-10-25T00:30:00.000Z')
    expect(wallClock('2026-10-25T01:30:00Z', 'Europe/Oslo')).toBe('2026-10-25T02:30')
    expect(fromWallClock('tomorrow', 'Europe/Oslo')).toBeNull()
  })
})
