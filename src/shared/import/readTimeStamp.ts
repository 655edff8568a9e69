const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/**
 * When wire copy was sent, from the stamp that closes it: dpa's "212322 GMT Nov 18" (day, hour
 * and minute, then month and year: 21 November 2018, 23:22) and AP's "AP-WF-11-13-13 1509GMT"
 * (November 13, 2013, 15:09). Null for any other line, or a date that does not exist.
 */
export function readTimeStamp(line: string): Date | null {
  const text = line.trim()
  const dpa = /^(\d{2})(\d{2})(\d{2})\s*GMT\s+(\p{L}{3})\p{L}*\.?\s+(\d{2})$/u.exec(text)
  if (dpa) {
    const [, day, hour, minute, month, year] = dpa
    return utc(2000 + Number(year), MONTHS.indexOf((month ?? '').toLowerCase()), day, hour, minute)
  }
  const ap = /^[A-Z]{2,4}-[A-Z]{2}-(\d{2})-(\d{2})-(\d{2})\s+(\d{2})(\d{2})\s*GMT$/.exec(text)
  if (ap) {
    const [, month, day, year, hour, minute] = ap
    return utc(2000 + Number(year), Number(month) - 1, day, hour, minute)
  }
  return null
}

function utc(
  year: number,
  month: number,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
): Date | null {
  const d = Number(day)
  const h = Number(hour)
  const m = Number(minute)
  if (month < 0 || month > 11 || h > 23 || m > 59) return null
  const date = new Date(Date.UTC(year, month, d, h, m))
  return date.getUTCDate() === d && date.getUTCMonth() === month ? date : null
}
