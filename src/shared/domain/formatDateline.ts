import type { Dateline } from './Article'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The dateline in the desk's style: "New Delhi, Jan 23". Empty when there is no place. */
export function formatDateline(dateline: Dateline): string {
  const place = dateline.place.trim()
  if (!place) return ''
  if (!dateline.date) return place
  const [, month, day] = dateline.date.split('-').map(Number)
  const monthName = MONTHS[(month ?? 1) - 1] ?? ''
  return `${place}, ${monthName} ${day ?? ''}`.trim()
}

/**
 * Reads "Jan 23", "January 23", "23 Jan" or "Jan. 23" as an ISO date. Wire datelines carry no year:
 * the latest such date not more than a month after `now` is meant.
 */
export function parseDatelineDate(text: string, now: Date): string | null {
  const match =
    /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/.exec(text.trim()) ??
    /^(\d{1,2})\s+([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?$/.exec(text.trim())
  if (!match) return null
  const [monthText, dayText] = /^\d/.test(match[1] ?? '')
    ? [match[2], match[1]]
    : [match[1], match[2]]
  const month = MONTHS.findIndex((m) => monthText?.toLowerCase().startsWith(m.toLowerCase()))
  const day = Number(dayText)
  if (month < 0 || day < 1 || day > 31) return null
  let year = match[3] ? Number(match[3]) : now.getUTCFullYear()
  if (!match[3] && Date.UTC(year, month, day) > now.getTime() + 31 * 86_400_000) year -= 1
  const date = new Date(Date.UTC(year, month, day))
  if (date.getUTCMonth() !== month) return null
  return date.toISOString().slice(0, 10)
}
