import { isKnownAgency, looksLikeAgency } from './knownAgencies'

/**
 * A line of wire copy that is for the desk, not the reader: a transmission header ("eca0003 3 i 380
 * dpa 0045", ANPA's "W2870asian"), a slug or keyword line ("BC-US--Lobster Death, KILL",
 * "Switzerland/migration/UN/", "REFILE", "1ST LEAD"), a note to editors ("Eds: …"), or a photo
 * reference ("AP Photo XNP101, XNP102").
 */
export type WireMark = { kind: 'transmission' | 'slug' | 'note' | 'photo'; text: string }

const TRANSMISSION = [
  // dpa: selector, priority, service, word count, agency, sequence ("eca0003 3 i 380  dpa 0045").
  /^[a-z]{2,4}\d{3,5}\s+\d\s+[a-z]{1,3}\s+\d{1,5}\s+[\p{L}-]{2,12}\s+\d{3,5}$/iu,
  // ANPA 1312: the transmission line ("W2870asian") and the selector line ("f l BC-LT--Argentina  11-13 1049").
  /^[A-Z]\d{4}[a-z]{0,12}$/,
  /^[a-z]\d{4}-*$/,
  /^[a-z]\s+[a-z]\s+BC-\S.*\s\d{2}-\d{2}(?:\s+\d{3,5})?$/,
]
/** AP's "BC-" slugs, and keyword lines of words and slashes ("Switzerland/migration/UN/"). */
const SLUG = [
  /^BC-[\p{L}\p{N}]{1,8}-{1,2}\S.{0,150}$/u,
  /^[\p{L}\p{N}-]{2,40}(?:\/[\p{L}\p{N}-]{1,40}){2,12}\/?$/u,
  /^[\p{L}\p{N}-]{2,40}\/[\p{L}\p{N}-]{2,40}\/$/u,
]
/** Lines of nothing but wire words, in capitals: "REFILE", "1ST LEAD", "URGENT", "KILL KILL KILL". */
const WIRE_WORD = String.raw`(?:REFILE|REPEAT|RPT|(?:\d+(?:ST|ND|RD|TH)\s+)?(?:LEAD|LD|WRITETHRU|ADD|UPDATE)(?:\s+\d+)?|UPDATED?(?:\s+\d+)?|URGENT|EILT|EILMELDUNG|VORAB|BULLETIN|FLASH|ALERT|ADVISORY|ADVANCE|BREAKING|CORRECTED|CORRECTION|CORRECTS|KILL|KILLED|ELIMINATION|WITHDRAWN|WITHDRAWAL|STOPPMELDUNG|ANNULLIERT|EMBARGOED|SPERRFRIST|HOLD FOR RELEASE|NOT FOR PUBLICATION)`
const WIRE_WORDS = new RegExp(
  String.raw`^${WIRE_WORD}(?:\s*[,;:-]?\s*${WIRE_WORD})*\s*[:.!]?$`,
  'u',
)
/** An embargo or sperrfrist line names a time: kept whole as a note. */
const EMBARGO_LINE = /^(?:EMBARGOED|EMBARGO|SPERRFRIST|HOLD FOR RELEASE)\b.{0,120}$/u
const NOTE =
  /^\(?(?:eds?|editors?|editor'?s note|note to editors|advisory|achtung(?:,)? redaktionen|an die redaktionen|til redaksjonen|till redaktionen|aux rédactions|a las redacciones|alle redazioni)\s*:\s*\S/iu
const PHOTO_REF = /^(?:AP|AFP|Reuters|dpa|EPA)\s+Photos?\s+[A-Z]{2,5}\d{2,6}\b[\w\s,-]{0,200}$/u

/** The line as a wire mark, or null for a line meant for the reader. */
export function readWireMark(line: string): WireMark | null {
  const text = line.trim()
  if (!text || text.length > 2000) return null
  if (TRANSMISSION.some((pattern) => pattern.test(text))) return { kind: 'transmission', text }
  if (NOTE.test(text)) return { kind: 'note', text }
  if (text.length <= 200 && (WIRE_WORDS.test(text) || EMBARGO_LINE.test(text)))
    return { kind: 'slug', text }
  if (text.length <= 200 && SLUG.some((pattern) => pattern.test(text)))
    return { kind: 'slug', text }
  if (PHOTO_REF.test(text)) return { kind: 'photo', text }
  return null
}

/**
 * The agency of a sign-off line: "- IANS", "－共同", "The AP", and with `initials` (only at the
 * end of copy, where no sentence can be mistaken for one) "dpa al rmo hct rmo", "EFE pll/jlr".
 */
export function readSignOff(line: string, initials = false): { agency: string } | null {
  const text = line.trim()
  const dashed = /^[-–—－]\s*([\p{Lu}\p{Lo}][\p{L}\p{N} .&/-]{1,40})$/u.exec(text)?.[1]?.trim()
  if (dashed && looksLikeAgency(dashed)) return { agency: dashed }
  const signed = initials
    ? /^(\S{2,12})\s+[a-z]{1,5}\d?(?:[\s/]+[a-z0-9]{1,6})*$/u.exec(text)
    : null
  if (signed?.[1] && isKnownAgency(signed[1])) return { agency: signed[1] }
  const only = /^(?:the\s+)?(.{2,30}?)\.?$/iu.exec(text)?.[1] ?? ''
  if (isKnownAgency(only)) return { agency: /^associated press$/i.test(only) ? 'AP' : only }
  return null
}

/** A transmission time stamp that closes wire copy: "212322 GMT Nov 18", "AP-WF-11-13-13 1509GMT". */
export function isTimeStamp(line: string): boolean {
  const text = line.trim()
  return (
    /^\d{4,6}\s*(?:GMT|UTC|MEZ|CET|MESZ|CEST)(?:\s+\p{L}{3,9}\.?\s+\d{1,2})?$/u.test(text) ||
    /^[A-Z]{2,4}-[A-Z]{2}-\d{2}-\d{2}-\d{2}\s+\d{4}\s*GMT$/.test(text)
  )
}

const NOTEBOOK =
  /^#{1,3}\s*(?:notebook|notizblock|notes? to editors|hinweis an die redaktion)\s*$/iu
const NOT_FOR_PUBLICATION =
  /^(?:the following (?:information )?is )?not intended for publication\.?$|^(?:nicht zur veröffentlichung(?: bestimmt)?|ikke for publisering|ej för publicering)\.?$/iu

/**
 * True where an agency's desk notes begin and the story ends: dpa's "# Notebook" heading, a
 * "not intended for publication" line, or the "* * * *" rule just before one. A "* * *" scene
 * break inside a feature is not an end.
 */
export function isEndOfCopy(lines: string[], at: number): boolean {
  const text = (lines[at] ?? '').trim()
  if (NOTEBOOK.test(text) || NOT_FOR_PUBLICATION.test(text)) return true
  return (
    /^(?:\*\s*){3,}$/.test(text) &&
    lines.slice(at + 1, at + 3).some((line) => NOT_FOR_PUBLICATION.test(line.trim()))
  )
}
