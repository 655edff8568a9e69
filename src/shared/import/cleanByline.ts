import { isKnownAgency } from './knownAgencies'

/** "By", "Av", "Af", "Par", "Por", "Door", "Reporting by": the byline's prefix in the languages agencies file in. */
const PREFIX =
  /^(?:(?:additional\s+)?reporting\s+by|writing\s+by|text|by|av|af|par|por|door|από|от)\s*:?\s+/iu
/** "Von" and "Di" are also name particles ("Di Marco"): a prefix only when a whole name follows. */
const PARTICLE_PREFIX = /^(?:von|di)\s+(?=\S+\s+\S)/iu
/** Separators that never sit inside a name. */
const SEPARATORS = /\s*(?:[,;&]|\s(?:and|und|og|och|et|ja|и)\s)\s*/u
/** "y", "i", "e", "en" join two people, or sit inside one name ("José Ortega y Gasset", "Puig i Cadafalch"). */
const INNER_CONJUNCTION = /\s(?:y|i|e|en)\s/u
const LEADING_CONJUNCTION = /^(?:and|und|og|och|et|ja|y|i|e|en|и)\s+/iu
const TITLE =
  /\b(?:staff|writer|correspondents?|reporter|editor|journalist|redakteur(?:in)?|korrespondent(?:in|en)?|mitarbeiter|medarbetare|medarbeider|correspondant|corresponsal|corrispondente)s?$/iu
/** "Lund University", "Max-Planck-Institut": a writer's affiliation after a comma, not a second author. */
const AFFILIATION =
  /\b(?:universit(?:y|ät|é|à|ad|et)|institut(?:e|o)?|college|school|centre|center|foundation|stiftung|hospital|ministry|council|academy|akademie|laboratory|society)\b/iu
/** "l'AFP", "d'ANSA": an agency with a French or Italian article. */
const ELIDED = /^[ld][’']\s*(.+)$/iu

/** A byline split into the people who wrote the story and the agency it came from. */
export type Byline = { names: string[]; agency: string }

/**
 * Reads a feed's byline: "Von Christian Hollmann, dpa" is Christian Hollmann with dpa as the credit;
 * "By JOSH BOAK, AP Economics Writer" is Josh Boak with AP; "Reporting by A; Editing by B" is A. A
 * byline that is only an agency ("NTB", "AP Staff", "dpa correspondents") gives no names, only
 * the agency. Names keep their particles and conjunctions ("Di Marco", "José Ortega y Gasset").
 */
export function cleanByline(text: string): Byline {
  let agency = ''
  const names: string[] = []
  for (const segment of text.replace(/\s*[=<]\s*$/gmu, '').split(/\s*[;\n]\s*/)) {
    if (/^(?:editing|edited|compiled|graphics?)\s+by\b/i.test(segment.trim())) continue
    for (const raw of segment.split(SEPARATORS).flatMap(splitPeople)) {
      const part = withoutPrefix(raw.replace(LEADING_CONJUNCTION, ''))
        .replace(/^[-–—\s]+|[-–—\s.]+$/g, '')
        .trim()
      if (!part) continue
      const found = agencyIn(part)
      const previous = names.length - 1
      if (found === null && previous >= 0 && AFFILIATION.test(part)) {
        names[previous] = `${names[previous] ?? ''}, ${part}`
      } else if (found !== null) {
        agency ||= found.agency
        if (found.name) names.push(personName(found.name))
      } else {
        names.push(personName(part))
      }
    }
  }
  return { names: [...new Set(names.filter(Boolean))], agency }
}

function withoutPrefix(text: string): string {
  return text.trim().replace(PREFIX, '').replace(PARTICLE_PREFIX, '')
}

/** "María García y José Pérez" is two people; "José Ortega y Gasset" is one. */
function splitPeople(part: string): string[] {
  const pieces = part.split(INNER_CONJUNCTION)
  if (pieces.length < 2) return [part]
  const whole = pieces.every((piece) => piece.trim().split(/\s+/).length >= 2)
  return whole ? pieces : [part]
}

/**
 * The agency in a byline part, with the person's name beside it when there is one: "Anna
 * Svensson/TT", "Jean Dupont (AFP)", "AP Staff", "dpa-Korrespondenten", "l'AFP". Null when
 * the part names no agency.
 */
function agencyIn(part: string): { agency: string; name: string } | null {
  const elided = ELIDED.exec(part)?.[1]
  if (elided && isKnownAgency(elided)) return { agency: elided, name: '' }
  const joint = /^(.+?)\s+(?:avec|with|mit|med|con)\s+(?:[ld][’']\s*)?(\S.*)$/iu.exec(part)
  if (joint?.[2] && isKnownAgency(joint[2])) return { agency: joint[2], name: joint[1] ?? '' }
  const beside = /^(.+?)\s*[/(]\s*([^/()]+?)\s*\)?$/.exec(part)
  if (beside?.[2] && isKnownAgency(beside[2])) return { agency: beside[2], name: beside[1] ?? '' }
  if (isKnownAgency(part) || /^the associated press$/i.test(part))
    return { agency: /associated press/i.test(part) ? 'AP' : part, name: '' }
  const hyphenated = /^(.+?)-(\p{L}+)$/u.exec(part)
  if (hyphenated?.[1] && isKnownAgency(hyphenated[1]) && TITLE.test(hyphenated[2] ?? ''))
    return { agency: hyphenated[1], name: '' }
  const words = part.split(/\s+/)
  const opening = TITLE.test(part) ? agencyOpening(words) : ''
  return opening ? { agency: opening, name: '' } : null
}

/**
 * "JOSH BOAK" as "Josh Boak" (AP's capitals), initials kept ("J.R.R. TOLKIEN" is "J.R.R.
 * Tolkien"); names already in mixed case are kept.
 */
function personName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim()
  if (clean !== clean.toUpperCase() || !/\p{Lu}{2}/u.test(clean)) return clean
  return clean
    .toLowerCase()
    .replace(
      /(^|[\s'’.-])(\p{L})/gu,
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
