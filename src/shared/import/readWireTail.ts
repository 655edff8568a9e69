import { isEndOfCopy, isTimeStamp, readSignOff, type WireMark } from './readWireMark'

const FURNITURE =
  /^(share this article:?|reader comments|leave a comment|we welcome thoughtful discussions.*|minimum \d+ characters.*)$/i
/**
 * What follows the story: its sign-off (the agency, returned), time stamps, dpa's notebook and
 * "not intended for publication" block, or page furniture (share links, reader comments), each
 * left out with a message. Notes to editors in the notebook are passed on as messages.
 */
export function readWireTail(tail: string[], messages: string[]): string {
  let agency = ''
  const notebook = tail.findIndex((line, i) => isEndOfCopy(tail, i))
  const rest: string[] = []
  tail.forEach((line, i) => {
    const signOff = readSignOff(line, true)
    if (signOff) agency ||= signOff.agency
    else if (!isTimeStamp(line) && (notebook < 0 || i < notebook)) rest.push(line)
  })
  if (notebook >= 0) {
    const desk = tail
      .slice(notebook)
      .filter((line) => !readSignOff(line, true) && !isTimeStamp(line))
    const editorNotes = notesToEditors(desk)
    messages.push(
      `Left out the agency's notes after the story (${desk.length} lines, not for publication).` +
        (editorNotes.length > 0 ? ` Note to editors: ${editorNotes.join('; ')}` : ''),
    )
  }
  if (rest.length > 0) {
    const minimum = rest.map((line) => /minimum (\d+) characters/i.exec(line)?.[1]).find(Boolean)
    const dropped = rest.filter((line) => !FURNITURE.test(line)).length
    messages.push(
      `Left out what follows the sign-off (share links, reader comments: ${dropped} lines)` +
        (minimum ? `; the page asked for comments of at least ${minimum} characters.` : '.'),
    )
  }
  return agency
}

/** The items under dpa's "## Note to editors" heading. */
function notesToEditors(lines: string[]): string[] {
  const at = lines.findIndex((line) => /^#{1,3}\s*notes? to editors\b/i.test(line))
  if (at < 0) return []
  const items: string[] = []
  for (const line of lines.slice(at + 1)) {
    if (/^#/.test(line)) break
    items.push(line.replace(/^[-*•]\s*/, ''))
  }
  return items
}

/** What the desk marks said, in the review: slugs and versions kept out of the headline and body. */
export function describeMarks(marks: WireMark[], messages: string[]): void {
  const slugs = marks.filter((m) => m.kind === 'slug').map((m) => m.text)
  const headers = marks.filter((m) => m.kind === 'transmission' || m.kind === 'photo')
  if (slugs.length > 0)
    messages.push(`Wire slug and keywords, kept out of the headline and body: ${slugs.join(' · ')}`)
  if (headers.length > 0)
    messages.push(`Left out the transmission lines: ${headers.map((m) => m.text).join(' · ')}`)
}
