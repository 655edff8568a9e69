import { isKnownAgency } from './knownAgencies'

/** "By", "Von", "Av", "Par", "Di", "Por", "Door", "Af", "Reporting by": the byline's prefix in the languages agencies file in. */
const PREFIX =
  /^(?:(?:additional\s+)?reporting\s+by|writing\s+by|text|by|von|av|af|par|di|por|door|από|от)\s*:?\s+/iu
const SEPARATORS = /\s*(?:[,;&]|\s(?:and|und|og|och|et|e|y|ja|en|i|и)\s)\s*/u
const TITLE =
  /\b(?:writer|correspondent|reporter|editor|journalist|redakteur|korrespondent|journalist|reporter)s?$/iu

/** A byline split into the people who wrote the story and the agency it came from. */
export type Byline = { names: string[]; agency: string }

/**
 * Reads a feed's byline: "Von Christian Hollmann, dpa" is Christian Hollmann with dpa as the credit;
 * "By JOSH BOAK, AP Economics Writer" is Josh Boak with AP; "Reporting by A; Editing by B" is A. A
 * byline that is only an agency ("NTB") gives no names, only the agency.
 */
export function cleanByline(text: string): Byline {
  let agency = ''
  const names: string[] = []
  for (const segment of text.split(/\s*[;\n]\s*/)) {
    if (/^(?:editing|edited|compiled|graphics?)\s+by\b/i.test(segment.trim())) continue
    for (const raw of segment.replace(PREFIX, '').split(SEPARATORS)) {
      const part = raw
        .replace(PREFIX, '')
        .replace(/^[-–—\s]+|[-–—\s.]+$/g, '')
        .trim()
      if (!part) continue
      const slash = /^(.+?)\s*[/(]\s*([^/()]+?)\s*\)?$/.exec(part)
      if (slash?.[2] && isKnownAgency(slash[2])) {
        agency ||= slash[2]
        names.push(personName(slash[1] ?? ''))
        continue
      }
      const words = part.split(/\s+/)
      if (isKnownAgency(part) || /^the associated press$/i.test(part)) {
        agency ||= /associated press/i.test(part) ? 'AP' : part
      } else if (TITLE.test(part) && agencyOpening(words)) {
        agency ||= agencyOpening(words)
      } else {
        names.push(personName(part))
      }
    }
  }
  return { names: [...new Set(names.filter(Boolean))], agency }
}

/** "JOSH BOAK" as "Josh Boak" (AP's capitals); names already in mixed case are kept. */
function personName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim()
  if (clean !== clean.toUpperCase() || !/\p{Lu}{2}/u.test(clean)) return clean
  return clean
    .toLowerCase()
    .replace(
      /(^|[\s'’-])(\p{L})/gu,
      (_m, before: string, letter: string) => before + letter.toUpperCase(),
    )
}

/** The agency a staff title opens with: "AP" in "AP Economics Writer", "AP" in "Associated Press Writer". */
function agencyOpening(words: string[]): string {
  for (const size of [2, 1]) {
    const head = words.slice(0, size).join(' ')
    if (words.length > size && isKnownAgency(head))
      return /associated press/i.test(head) ? 'AP' : head
  }
  return ''
}
