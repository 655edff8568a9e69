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
 * Month names and abbreviations as agencies write them: English, German, French, Spanish,
 * Italian, Nordic, Russian (TASS, in the genitive: "23 января"), Hindi (IANS, PTI) and Arabic.
 */
const MONTH_PREFIXES: string[][] = [
  ['jan', 'ene', 'gen', 'tammi', 'янв', 'जनवरी', 'يناير', 'كانون الثاني'],
  ['feb', 'fév', 'fev', 'helmi', 'фев', 'फरवरी', 'फ़रवरी', 'فبراير', 'شباط'],
  ['mar', 'mär', 'maalis', 'мар', 'मार्च', 'مارس', 'آذار'],
  ['apr', 'avr', 'abr', 'huhti', 'апр', 'अप्रैल', 'أبريل', 'ابريل', 'نيسان'],
  ['may', 'mai', 'mag', 'toukokuu', 'мая', 'май', 'मई', 'مايو', 'أيار'],
  ['jun', 'juin', 'giu', 'kesä', 'июн', 'जून', 'يونيو', 'حزيران'],
  ['jul', 'juil', 'lug', 'heinä', 'июл', 'जुलाई', 'يوليو', 'تموز'],
  ['aug', 'aoû', 'aou', 'ago', 'elo', 'авг', 'अगस्त', 'أغسطس', 'آب'],
  ['sep', 'set', 'syys', 'сен', 'सितंबर', 'सितम्बर', 'سبتمبر', 'أيلول'],
  ['oct', 'okt', 'ott', 'loka', 'окт', 'अक्टूबर', 'अक्तूबर', 'أكتوبر', 'تشرين الأول'],
  ['nov', 'marras', 'ноя', 'नवंबर', 'नवम्बर', 'نوفمبر', 'تشرين الثاني'],
  ['dec', 'dez', 'déc', 'dic', 'des', 'joulu', 'дек', 'दिसंबर', 'दिसम्बर', 'ديسمبر', 'كانون الأول'],
]
const MONTH = String.raw`[\p{L}\p{M}]{2,14}(?: [\p{L}\p{M}]{4,8})?`

/**
 * Reads "Jan 23", "January 23", "23 Jan", "Jan. 23", "23. Januar", "23 января" or "23 जनवरी" as
 * an ISO date. Wire datelines carry no year: the latest such date not more than a month after
 * `reference` is meant, in the year before, of or after it ("Jan 1" in a story of Dec 31 is the
 * next day). Pass the story's own date (the feed's) as `reference` where there is one, so old
 * copy keeps its year.
 */
export function parseDatelineDate(text: string, reference: Date): string | null {
  const clean = text.trim()
  const match =
    new RegExp(String.raw`^(${MONTH})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$`, 'u').exec(clean) ??
    new RegExp(String.raw`^(\d{1,2})\.?\s+(${MONTH})\.?(?:,?\s+(\d{4}))?$`, 'u').exec(clean)
  if (!match) return null
  const [monthText, dayText] = /^\d/.test(match[1] ?? '')
    ? [match[2], match[1]]
    : [match[1], match[2]]
  const month = monthOf(monthText?.toLowerCase() ?? '')
  const day = Number(dayText)
  if (month < 0 || day < 1 || day > 31) return null
  const latest = reference.getTime() + 31 * 86_400_000
  const thisYear = reference.getUTCFullYear()
  const year = match[3]
    ? Number(match[3])
    : ([thisYear + 1, thisYear, thisYear - 1].find((y) => Date.UTC(y, month, day) <= latest) ??
      thisYear - 1)
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
