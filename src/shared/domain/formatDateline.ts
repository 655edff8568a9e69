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

/** Month names and abbreviations as agencies write them (English, German, French, Spanish, Italian, Nordic). */
const MONTH_PREFIXES: string[][] = [
  ['jan', 'ene', 'gen', 'tammi'],
  ['feb', 'fév', 'fev', 'helmi'],
  ['mar', 'mär', 'maalis'],
  ['apr', 'avr', 'abr', 'huhti'],
  ['may', 'mai', 'mag', 'toukokuu'],
  ['jun', 'juin', 'giu', 'kesä'],
  ['jul', 'juil', 'lug', 'heinä'],
  ['aug', 'aoû', 'aou', 'ago', 'elo'],
  ['sep', 'set', 'syys'],
  ['oct', 'okt', 'ott', 'loka'],
  ['nov', 'marras'],
  ['dec', 'dez', 'déc', 'dic', 'des', 'joulu'],
]

/**
 * Reads "Jan 23", "January 23", "23 Jan", "Jan. 23" or "23. Januar" as an ISO date. Wire datelines
 * carry no year: the latest such date not more than a month after `reference` is meant. Pass the
 * story's own date (the feed's) as `reference` where there is one, so old copy keeps its year.
 */
export function parseDatelineDate(text: string, reference: Date): string | null {
  const clean = text.trim()
  const match =
    /^(\p{L}{3,12})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/u.exec(clean) ??
    /^(\d{1,2})\.?\s+(\p{L}{3,12})\.?(?:,?\s+(\d{4}))?$/u.exec(clean)
  if (!match) return null
  const [monthText, dayText] = /^\d/.test(match[1] ?? '')
    ? [match[2], match[1]]
    : [match[1], match[2]]
  const month = monthOf(monthText?.toLowerCase() ?? '')
  const day = Number(dayText)
  if (month < 0 || day < 1 || day > 31) return null
  let year = match[3] ? Number(match[3]) : reference.getUTCFullYear()
  if (!match[3] && Date.UTC(year, month, day) > reference.getTime() + 31 * 86_400_000) year -= 1
  const date = new Date(Date.UTC(year, month, day))
  if (date.getUTCMonth() !== month) return null
  return date.toISOString().slice(0, 10)
}

/** The month whose longest prefix matches ("marraskuu" is November, not March). */
function monthOf(name: string): number {
  let best = -1
  let length = 0
  MONTH_PREFIXES.forEach((prefixes, month) => {
    for (const prefix of prefixes)
      if (name.startsWith(prefix) && prefix.length > length) {
        best = month
        length = prefix.length
      }
  })
  return best
}
