import { cleanByline } from './cleanByline'
import { readCaption } from './readCaption'
import { readDateline, type BodyDateline } from './readDateline'
import { isEndOfCopy, isTimeStamp, readSignOff, readWireMark, type WireMark } from './readWireMark'

export const BULLET = /^\s*[•·▪◦‣*–-]\s+(.+)$/
export const KEY_POINTS = /^key\s*points\s*:?\s*(.*)$/i
export const READING_TIME = /^\d+\s*min(ute)?s?\s+read$/i
export const PULL_QUOTE =
  /^["“](.+?)\s+[-–—]\s+([^"”]{2,80})["”]$|^["“](.+)["”]\s*[-–—]\s*(.{2,80})$/s
export const BYLINE = /^(?:by|von|av|af|par|di|por|door)\s+(?:\p{Lu}|(?:dpa|epd)\b).{1,120}$/iu
/** A deck or standfirst line: short. Longer lines before the lead are a summary or the story. */
export const DECK_MAX = 200
/** How many short lines may stand between the headline and the lead before they are the story. */
const FRONT_PROSE_MAX = 4

/** The head of wire copy: its desk marks, headline, byline and what stands before the lead. */
export type WireFront = {
  marks: WireMark[]
  headline: string
  byline: string[]
  /** The byline's agency, or its staff title's ("AP Sports Writer"). */
  bylineAgency: string
  /** Lines between the headline and the lead, in order: summary, key points, deck, quote... */
  front: string[]
  /** Where the lead is: the line with the dateline, or the first line of the story. */
  leadAt: number
  dateline: BodyDateline | null
  /** A sign-off met before any story ("The AP" under a kill). */
  signOff: string
}

/**
 * Reads the head of wire copy up to its lead. Desk marks (transmission header, slug and keyword
 * lines, notes to editors) are set aside wherever they stand; the headline is the first line that
 * is none of them; the dateline is looked for only in the first paragraph after the front matter
 * (short lines, the summary above a Key Points box, the box, reading time, pull quote), never
 * deeper in the story, so "NASA — which…" in a fourth paragraph is no dateline.
 */
export function readWireFront(lines: string[]): WireFront {
  const result: WireFront = {
    marks: [],
    headline: '',
    byline: [],
    bylineAgency: '',
    front: [],
    leadAt: lines.length,
    dateline: null,
    signOff: '',
  }
  let i = 0
  for (; i < lines.length; i += 1) {
    const line = lines[i] ?? ''
    const mark = readWireMark(line)
    if (mark) result.marks.push(mark)
    else if (readSignOff(line) || isTimeStamp(line))
      result.signOff ||= readSignOff(line)?.agency ?? ''
    else break
  }
  const first = lines[i] ?? ''
  const leadFirst = first.length > 150 ? readDateline(first) : null
  if (leadFirst) {
    result.leadAt = i
    result.dateline = leadFirst
    return result
  }
  result.headline = first
  const keyPointsAt = lines.findIndex((line, at) => at > i && KEY_POINTS.test(line))
  let prose = 0
  let inPoints = false
  for (i += 1; i < lines.length; i += 1) {
    const line = lines[i] ?? ''
    if (isEndOfCopy(lines, i) || isTimeStamp(line) || readSignOff(line)) break
    const mark = readWireMark(line)
    if (mark) {
      result.marks.push(mark)
      continue
    }
    if (result.byline.length === 0 && !result.bylineAgency && BYLINE.test(line)) {
      const byline = cleanByline(line)
      result.byline = byline.names
      result.bylineAgency = byline.agency
      const title = readBylineTitle(lines[i + 1] ?? '')
      if (title !== null) {
        result.bylineAgency ||= title
        i += 1
      }
      continue
    }
    if (KEY_POINTS.test(line)) inPoints = true
    else if (inPoints && !BULLET.test(line)) inPoints = false
    if (inPoints || READING_TIME.test(line) || PULL_QUOTE.test(line) || readCaption(line)) {
      result.front.push(line)
      continue
    }
    const dateline = readDateline(line)
    if (dateline) {
      result.leadAt = i
      result.dateline = dateline
      return result
    }
    // A long line stands before the lead only right above a dateline (an over-long standfirst).
    const aboveDateline = readDateline(lines[i + 1] ?? '') !== null
    if (
      keyPointsAt > i ||
      ((line.length <= DECK_MAX || aboveDateline) && prose < FRONT_PROSE_MAX)
    ) {
      prose += 1
      result.front.push(line)
      continue
    }
    break
  }
  result.leadAt = i
  return result
}

/**
 * The line under an AP byline that gives the writer's title or agency ("AP Sports Writer",
 * "Associated Press"): the agency ('' for a title without one), or null for any other line.
 */
function readBylineTitle(line: string): string | null {
  const text = line.trim()
  if (!text || text.length > 60) return null
  if (/^(?:the\s+)?associated press$/i.test(text)) return 'AP'
  const read = cleanByline(text)
  if (read.names.length === 0 && read.agency) return read.agency
  return /^[\p{L} ]{0,30}\b(?:writer|correspondent|reporter|editor|staff)$/iu.test(text) ? '' : null
}
