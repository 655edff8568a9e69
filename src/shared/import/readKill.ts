import type { KillNotice } from './ImportProposal'

const CAPS_KILL =
  /\b(?:KILL|KILLED|WITHDRAWN|WITHDRAWAL|ELIMINATION|ZURÜCKGEZOGEN|ANNULLIERT|STOPPMELDUNG|SPERRE)\b/u
const EDITORS_NOTE =
  /^(?:eds?|editors?|advisory|note to editors|achtung(?:,)? redaktionen|til redaksjonen|till redaktionen|aux rédactions)\b.*\b(?:kill|killed|withdraw|withdrawn|zurückgezogen|nicht verwenden|trekkes|trukket|dras tillbaka|ska inte användas|retiré)/iu
const QUOTED = /[“"«„]([^”"»“]{5,300})[”"»“]/u

/**
 * An agency kill or withdrawal in a note or an opening line: "KILL KILL KILL", "Eds: The story
 * headlined "X" is withdrawn", "Achtung Redaktionen: ... wird zurückgezogen". Kill words must be
 * in capitals or in a note to editors, so "Police kill suspect" stays a story.
 */
export function readKill(lines: string[]): KillNotice | null {
  const notes = lines.filter(
    (line) => line.length <= 600 && (CAPS_KILL.test(line) || EDITORS_NOTE.test(line)),
  )
  if (notes.length === 0) return null
  const headline = lines.map((line) => QUOTED.exec(line)?.[1]?.trim()).find(Boolean)
  return { reason: notes.join(' ').trim(), ...(headline ? { headline } : {}) }
}
