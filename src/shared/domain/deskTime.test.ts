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

describe('the computer’s own zone changes nothing the desk sees', () => {
  const zones = ['UTC', 'America/Los_Angeles', 'Pacific/Auckland']
  it.each(zones)('TZ=%s: times, datelines and checks read the same', async (zone) => {
    const before = process.env['TZ']
    // Node re-reads TZ when it is assigned: every Date below is made in that zone.
    process.env['TZ'] = zone
    try {
      const hours = { UTC: 0, 'America/Los_Angeles': 16, 'Pacific/Auckland': 13 }[zone]
      expect(new Date('2026-01-01T00:00:00Z').getHours()).toBe(hours)
      const { storyDate } = await import('../import/readNinjsDates')
      const { checkArticle } = await import('./checkArticle')
      const { DEFAULT_DESK_SETTINGS } = await import('./DeskSettings')
      const { blankFields } = await import('./newArticle')
      // The last Sunday of October 2026: Oslo's 02:30 happens twice.
      expect(formatDeskTime('2026-10-25T00:30:00Z', 'Europe/Oslo')).toBe('25 Oct 2026, 02:30 CEST')
      expect(formatDeskTime('2026-10-25T01:30:00Z', 'Europe/Oslo')).toBe('25 Oct 2026, 02:30 CET')
      expect(fromWallClock('2026-03-29T03:15', 'Europe/Oslo')).toBe('2026-03-29T01:15:00.000Z')
      // An agency item dated late on the 24th in New York is the 24th's story, wherever the desk is.
      expect(storyDate('2026-10-24T22:30:00-04:00', new Date()).day).toBe('2026-10-24')
      expect(localDate('2026-10-24T22:30:00Z', 'Europe/Oslo')).toBe('2026-10-25')
      const checks = checkArticle(
        { ...blankFields(), embargoedUntil: '2026-03-29T01:30:00Z' },
        { ...DEFAULT_DESK_SETTINGS, timeZone: 'Europe/Oslo' },
        new Date('2026-03-29T00:00:00Z'),
      )
      expect(checks[0]?.message).toMatch(/^Embargoed until 29 Mar 2026, 03:30 CEST:/)
    } finally {
      if (before === undefined) delete process.env['TZ']
      else process.env['TZ'] = before
    }
  })
})
