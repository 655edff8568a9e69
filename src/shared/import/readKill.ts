import type { KillNotice } from './ImportProposal'

/** A kill word in a slug or keyword line, in the agencies' capitals: "BC-US--Lobster Death, KILL", "ELIMINATION". */
const SLUG_KILL =
  /(?:^|[\s,;:/-])(?:KILL|KILLED|ELIMINATION|WITHDRAWAL|WITHDRAWN|STOPPMELDUNG|ANNULLIERT|ANNULLATO|ANULADA|ANULADO|ANNULÉ|TREKKES)(?=$|[\s,;:/-])/u
/** A note that opens with the kill word in capitals: "KILL KILL KILL", "KILL: …", "WITHDRAWN – …". */
const NOTE_OPENS_KILL =
  /^(?:eds?|editors?|advisory|achtung(?:,)? redaktionen|till? redaksjonen|till redaktionen)?\s*:?\s*(?:KILL|KILLED|ELIMINATION|WITHDRAWAL|WITHDRAWN|STOPPMELDUNG|ANNULLIERT)\b/u
/** A note saying the story itself is withdrawn, in the languages agencies file in. */
const NOTE_SAYS_KILL = [
  /\b(?:story|item|report|article|dispatch|headlined|photo|graphic)\b[^.!?]*?\b(?:is|has been|was|are|have been)\s+(?:withdrawn|killed|eliminated|retracted)\b/i,
  /\b(?:kill is mandatory|mandatory kill|please kill|kill (?:this|the) (?:story|item)|do not (?:use|publish) (?:this|the) (?:story|item))\b/i,
  /\b(?:meldung|bericht|beitrag|artikel)\b[^.!?]*?\b(?:wird|ist|wurde)\s+zurückgezogen\b|\bbitte nicht (?:mehr )?verwenden\b/iu,
  /\b(?:saken|meldingen|artikkelen)\b[^.!?]*?\b(?:trekkes|er trukket)\b/iu,
  /\b(?:artikeln|texten|notisen)\b[^.!?]*?\b(?:dras tillbaka|ska inte användas)\b/iu,
  /\b(?:dépêche|article)\b[^.!?]*?\b(?:est|a été)\s+(?:retirée?|annulée?)\b/iu,
  /\b(?:noticia|despacho|información)\b[^.!?]*?\b(?:queda|ha sido|fue)\s+anulad[oa]\b/iu,
]
/** Notes that revise a story: "Updates with number of people killed" is an update, not a kill. */
const REVISION_NOTE =
  /^(?:eds?|editors?)?\s*:?\s*(?:updates?|corrects?|correction|adds?|recasts?|refiles?|writethru|fixes|changes|aktualisiert|ergänzt|korrigiert|oppdatert|uppdaterad)\b/iu
const QUOTED = /[“"«„]([^”"»“]{5,300})[”"»“]/u

/** The lines an agency signals a kill in: its slug and keyword lines, and its notes to editors. */
export type KillMarks = { slugs: string[]; notes: string[] }

/**
 * An agency kill or withdrawal, read only where agencies signal one: a slug or keyword line
 * ("BC-US--Lobster Death, KILL", "ELIMINATION", "KILL KILL KILL") or a note to editors
 * ("Eds: The story headlined "X" is withdrawn", "Achtung Redaktionen: Die Meldung … wird
 * zurückgezogen"). Never from a headline or a lead ("3 KILLED AS BUS FALLS"), and a note that
 * updates a story ("Eds: Updates with number of people killed") is not a kill.
 */
export function readKill(marks: KillMarks): KillNotice | null {
  const slugs = marks.slugs.filter((line) => line.length <= 300 && SLUG_KILL.test(line))
  const notes = marks.notes.filter(isKillNote)
  if (slugs.length === 0 && notes.length === 0) return null
  const headline = [...notes, ...marks.notes]
    .map((line) => QUOTED.exec(line)?.[1]?.trim())
    .find(Boolean)
  return { reason: [...slugs, ...notes].join(' ').trim(), ...(headline ? { headline } : {}) }
}

/** True for a note to editors that withdraws the story it names. */
export function isKillNote(note: string): boolean {
  const text = note.trim()
  if (!text || text.length > 2000) return false
  if (NOTE_OPENS_KILL.test(text)) return true
  if (REVISION_NOTE.test(text)) return false
  return NOTE_SAYS_KILL.some((pattern) => pattern.test(text))
}
