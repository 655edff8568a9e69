import { isKnownAgency, looksLikeAgency } from './knownAgencies'

/** A dateline found at the start of a lead paragraph, and the paragraph's text after it. */
export type BodyDateline = {
  place: string
  /** The date as written ("Jan 23", "23. Januar"); '' when the dateline has none. */
  dateText: string
  /** The agency in the brackets ("AP", "Reuters", "dpa"); '' when there is none. */
  agency: string
  rest: string
}

const LETTER = String.raw`[\p{L}\p{M}]`
const PLACE = String.raw`[\p{Lu}\p{Lo}]${LETTER}*(?:[ .'’/-]+${LETTER}+)*\.?`
const REGION = String.raw`[\p{Lu}\p{Lo}]${LETTER}*(?:[ .'’-]+${LETTER}+)*\.?`
const DATE = String.raw`\p{L}{3,12}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\.?\s+[\p{L}\p{M}]{2,14}\.?(?:\s+\d{4})?`
const AGENCY = String.raw`[(（]([^()（）]{1,30})[)）]|/([^/]{1,20})/`
const SEPARATOR = String.raw`\s*(?:--|\.\s*[-–—]|[-–—:।_]|\.(?=\s))?\s*`

/** PLACE[, Region][, Date] (AGENCY) - : AP, Reuters, IANS/PTI, dpa, NTB, TT, TASS, Arabic and Hindi services. */
const WITH_AGENCY = new RegExp(
  String.raw`^(${PLACE})((?:\s*,\s*${REGION}){0,2}?)(?:\s*,\s*(${DATE}))?\.?\s*(?:${AGENCY})${SEPARATOR}`,
  'u',
)
/** PLACE, Date — : the desk's own style and Indian services without the agency. */
const WITH_DATE = new RegExp(
  String.raw`^(${PLACE})((?:\s*,\s*${REGION}){0,2}?)\s*,\s*(${DATE})(?:\s*(?:--|[-–—:])\s*|\s*$)`,
  'u',
)
/**
 * GROSSETO, Italy -- : an AP dateline whose "(AP)" a member paper removed. The place is in
 * capitals and a sentence starts after the dash, so "NASA — which has…" is no dateline.
 */
const CAPITALS_ONLY = new RegExp(
  String.raw`^(\p{Lu}[\p{Lu}\p{M} .'’/-]{2,40}?)((?:\s*,\s*${REGION}){0,2}?)\s*(?:--|—|_)\s*(?=[\p{Lu}\p{N}"“‘'«„(])`,
  'u',
)
/** "(ANSA) - ROMA, 23 GEN -": the agency before the place. */
const AGENCY_FIRST = /^[(（]([^()（）]{2,20})[)）]\s*(?:--|[-–—:])\s*/u
/** 【東京共同】 (Kyodo, Jiji) and (서울=연합뉴스) (Yonhap): place and agency in one bracket. */
const BRACKETED =
  /^[【(（]\s*([^【】()（）=]{1,20}?)\s*(?:=\s*)?(共同|時事|新華社|新华社|中央社|연합뉴스)\s*[】)）]\s*/u
/** Labels in capitals that open a story, not places. */
const WIRE_WORDS =
  /^(?:BREAKING|UPDATE|UPDATED|URGENT|FLASH|BULLETIN|ALERT|KILL|KILLED|WITHDRAWN|CORRECTION|CORRECTED|EDITORS?|ADVISORY|NOTE|REPEAT|ADDS|WRITETHRU|EMBARGOED|ANALYSIS|COMMENT|COMMENTARY|OPINION|EDITORIAL|EXCLUSIVE|EXPLAINER|FACTBOX|FACT ?CHECK|INTERVIEW|REVIEW|PREVIEW|INSIGHT|FEATURE|LIVE|WATCH|VIDEO|PHOTOS?|UPDATE \d+|SPECIAL REPORT)\b/u
/** Acronyms kept in capitals in a place: "US", "UAE", "NATO", not "Us", "Nato". */
const ACRONYMS = new Set(['NATO', 'OPEC', 'NASA', 'ASEAN', 'UNHCR', 'UNICEF', 'USSR'])
const PARTICLES = new Set([
  'de',
  'da',
  'do',
  'dos',
  'la',
  'le',
  'les',
  'el',
  'am',
  'an',
  'bei',
  'sur',
  'en',
  'of',
  'upon',
  'del',
  'di',
  'van',
  'von',
  'im',
])

/**
 * Reads a dateline at the start of a lead paragraph, however long the paragraph:
 * "GROSSETO, Italy (AP) --", "WASHINGTON (Reuters) -", "NEW DELHI, Jan 23 (IANS) —",
 * "Berlin (dpa) -", "Oslo (NTB):", "STOCKHOLM (TT)", "МОСКВА, 23 января. /ТАСС/.", "【東京共同】".
 * Returns null for a sentence that only looks like one ("The minister (BJP) said").
 */
export function readDateline(paragraph: string): BodyDateline | null {
  const text = paragraph.replace(/^\s+/, '')
  const first = AGENCY_FIRST.exec(text)
  if (first?.[1] && isKnownAgency(first[1])) {
    const after = readDateline(text.slice(first[0].length))
    return after ? { ...after, agency: after.agency || first[1] } : null
  }
  const bracketed = BRACKETED.exec(text)
  if (bracketed)
    return {
      place: bracketed[1]?.trim() ?? '',
      dateText: '',
      agency: bracketed[2] ?? '',
      rest: text.slice(bracketed[0].length).replace(/^\s+/, ''),
    }
  const withAgency = WITH_AGENCY.exec(text)
  if (withAgency) {
    const agency = agencyOf((withAgency[4] ?? withAgency[5] ?? '').trim())
    const place = withAgency[1] ?? ''
    if (looksLikeAgency(agency) && isPlace(place, isKnownAgency(agency)))
      return result(withAgency, place, withAgency[2] ?? '', withAgency[3] ?? '', agency, text)
  }
  const withDate = WITH_DATE.exec(text)
  if (withDate && isPlace(withDate[1] ?? '', true))
    return result(withDate, withDate[1] ?? '', withDate[2] ?? '', withDate[3] ?? '', '', text)
  const capitals = CAPITALS_ONLY.exec(text)
  if (capitals && /\p{Lu}{3}/u.test(capitals[1] ?? '') && !WIRE_WORDS.test(capitals[1] ?? ''))
    return result(capitals, capitals[1] ?? '', capitals[2] ?? '', '', '', text)
  return null
}

/** dpa's regional services sign "dpa/lnw", "dpa/lby": the agency is dpa. */
function agencyOf(signature: string): string {
  const regional = /^(.{2,12}?)\s*\/\s*\p{Ll}{2,5}$/u.exec(signature)?.[1]
  return regional && isKnownAgency(regional) ? regional : signature
}

function result(
  match: RegExpExecArray,
  place: string,
  region: string,
  dateText: string,
  agency: string,
  text: string,
): BodyDateline {
  const regions = region
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  return {
    place: [titleCase(place.trim()), ...regions].join(', '),
    dateText: dateText.trim().replace(/\.$/, ''),
    agency,
    rest: text.slice(match[0].length).replace(/^\s+/, ''),
  }
}

/**
 * A place name: capitals ("NEW DELHI"), capitalised words ("Rio de Janeiro", "Frankfurt/Main") or an
 * uncased script (東京, नई दिल्ली). Capitalised words only with a known agency or a date beside them, so
 * "Prime Minister (PM) -" is no dateline.
 */
function isPlace(place: string, allowCapitalised: boolean): boolean {
  const words = place.trim().split(/[\s/]+/)
  if (words.length > 5 || place.length > 40) return false
  const capitals = place === place.toUpperCase() && /\p{Lu}/u.test(place)
  const uncased = !/[\p{Lu}\p{Ll}]/u.test(place)
  if (capitals || uncased) return true
  if (!allowCapitalised) return false
  return words.every((word, i) => /^\p{Lu}/u.test(word) || (i > 0 && PARTICLES.has(word)))
}

/**
 * "NEW DELHI" as "New Delhi"; a place already in mixed case is kept as written, and acronyms stay
 * in capitals ("US", "UAE", "NATO").
 */
export function titleCase(place: string): string {
  const clean = place.trim()
  if (clean !== clean.toUpperCase()) return clean
  if (/^\p{Lu}{2,3}$/u.test(clean) || ACRONYMS.has(clean)) return clean
  return clean
    .split(/(\s+|[/'’-])/u)
    .map((word) =>
      ACRONYMS.has(word)
        ? word
        : word.toLowerCase().replace(/^\p{L}/u, (letter) => letter.toUpperCase()),
    )
    .join('')
}
