import type { DocNode } from '../domain/DocNode'
import { parseDatelineDate } from '../domain/formatDateline'
import { blankFields } from '../domain/newArticle'
import { cleanByline } from './cleanByline'
import type { ImportProposal, Unplaced } from './ImportProposal'
import { isKnownAgency } from './knownAgencies'
import { normalizeText } from './normalizeText'
import { readCaption } from './readCaption'
import { readKill } from './readKill'
import { readTimeStamp } from './readTimeStamp'
import {
  BULLET,
  BYLINE,
  DECK_MAX,
  KEY_POINTS,
  PULL_QUOTE,
  READING_TIME,
  readWireFront,
} from './readWireFront'
import { readWireLines } from './readWireLines'
import { describeMarks, readWireTail } from './readWireTail'
import { isEndOfCopy, isTimeStamp, readSignOff, readWireMark } from './readWireMark'
import { systemClock } from '../domain/Clock'

const SIGN_OFF = /^(?:additional\s+)?(?:reporting|writing)\s+by\s+\p{Lu}.{1,200}$/iu
/** ANSA's and others' agency at the end of the last paragraph: "… in Rom. (ANSA)." */
const TRAILING_AGENCY = /\s*[(（]([^()（）]{2,20})[)）]\.?$/u
/** Longer than this, the lines before the key points are a story, not a summary. */
const SUMMARY_MAX = 1000

/**
 * Reads plain-text wire copy (AP, Reuters, dpa, NTB, TT, IANS, Kyodo; fixed-width or one line per
 * paragraph; ANPA 1312) into article fields: headline, summary, Key Points box, reading time,
 * deck, pull quote, byline, dateline, body, agency sign-off. Desk marks (transmission headers,
 * slugs, REFILE/1ST LEAD, notes to editors, dpa's notebook, time stamps) never become headline or
 * body. Never throws: lines it cannot place are offered in `unplaced`, in their order, and copy it
 * cannot split sensibly becomes a body.
 */
export function parseWireText(text: string, now: Date = systemClock.now()): ImportProposal {
  const lines = readWireLines(text)
  const fields = blankFields()
  const messages: string[] = []
  const unplaced: Unplaced[] = []
  if (lines.length === 0)
    return { format: 'plain-text', fields, messages: ['The text is empty.'], unplaced, kill: null }
  const head = readWireFront(lines)
  const end = endOfCopy(lines, head.leadAt)
  const wire =
    head.dateline !== null ||
    head.marks.length > 0 ||
    head.byline.length > 0 ||
    Boolean(head.bylineAgency || head.signOff) ||
    end < lines.length ||
    lines.some((line) => KEY_POINTS.test(line))
  if (!wire) return plainText(lines, messages)

  fields.headline = head.headline
  fields.byline = head.byline.slice(0, 20)
  const notes = head.marks.filter((m) => m.kind === 'note').map((m) => m.text)
  const kill = readKill({
    slugs: head.marks.filter((m) => m.kind === 'slug').map((m) => m.text),
    notes,
  })
  for (const note of notes) unplaced.push({ kind: 'note', text: note })
  describeMarks(head.marks, messages)

  const { front, rest } = head.dateline
    ? { front: head.front, rest: [] }
    : splitFrontWithoutDateline(head.front)
  let quote: { text: string; attribution: string } | null = null
  const summary: string[] = []
  let stage: 'summary' | 'points' | 'after' = 'summary'
  for (const line of front) {
    const keyPoints = KEY_POINTS.exec(line)
    const bullet = BULLET.exec(line)
    const pull = PULL_QUOTE.exec(line)
    const caption = readCaption(line)
    if (keyPoints) {
      fields.keyPoints.title = keyPoints[1]?.trim() || 'Key Points'
      stage = 'points'
    } else if (stage === 'points' && bullet?.[1]) {
      fields.keyPoints.items.push(bullet[1].trim())
    } else if (READING_TIME.test(line)) {
      stage = 'after'
    } else if (pull) {
      quote = {
        text: (pull[1] ?? pull[3] ?? '').trim(),
        attribution: (pull[2] ?? pull[4] ?? '').trim(),
      }
      stage = 'after'
    } else if (caption) {
      unplaced.push(caption)
    } else if (stage === 'summary') {
      summary.push(line)
    } else if (!fields.deck && line.length <= DECK_MAX) {
      fields.deck = line
      stage = 'after'
    } else {
      unplaced.push({ kind: 'text', text: line })
    }
  }
  const bodyLines = [...rest, ...lines.slice(head.leadAt, end)]
  const summaryText = summary.join(' ')
  const hasKeyPoints = fields.keyPoints.items.length > 0 || stage !== 'summary'
  if (
    summary.length > 0 &&
    (summaryText.length > SUMMARY_MAX || (!hasKeyPoints && summary.length > 1))
  ) {
    if (head.dateline) {
      unplaced.unshift(...summary.map((line): Unplaced => ({ kind: 'text', text: line })))
      messages.push(
        'The lines between the headline and the dateline could not be told apart (deck, summary or story); they are under Not placed, in their order.',
      )
    } else {
      bodyLines.unshift(...summary)
      messages.push(
        'The copy has no summary the importer could tell apart; it all went to the body.',
      )
    }
  } else {
    fields.summary = summaryText
  }

  let agency = head.bylineAgency
  if (head.dateline) {
    const dateline = head.dateline
    fields.dateline = {
      place: dateline.place,
      date: dateline.dateText ? parseDatelineDate(dateline.dateText, now) : null,
    }
    agency = dateline.agency || agency
    bodyLines[rest.length] = dateline.rest
    if (dateline.dateText && !fields.dateline.date)
      messages.push(`The dateline date “${dateline.dateText}” could not be read.`)
  }
  const paragraphs: DocNode[] = []
  for (const line of bodyLines) {
    const caption = readCaption(line)
    const mark = readWireMark(line)
    if (!line || /^_{3,}$/.test(line)) continue
    if (caption) unplaced.push(caption)
    else if (mark?.kind === 'note') unplaced.push({ kind: 'note', text: mark.text })
    else if (paragraphs.length === 0 && fields.byline.length === 0 && BYLINE.test(line))
      takeByline(fields, line)
    else if (SIGN_OFF.test(line)) {
      if (fields.byline.length === 0) takeByline(fields, line)
      else messages.push(`The sign-off “${line}” was left out: the byline names the writers.`)
    } else paragraphs.push(paragraph(line))
  }
  // The stamp that closes AP's and dpa's copy says when it was sent: the story's own date.
  const sent = lines
    .slice(end)
    .map(readTimeStamp)
    .find((date) => date !== null)
  if (sent) {
    fields.contentCreated = sent.toISOString()
    if (head.dateline && !head.dateline.dateText)
      fields.dateline.date = fields.contentCreated.slice(0, 10)
  }
  const trailing = takeTrailingAgency(paragraphs)
  const tail = readWireTail(lines.slice(end), messages)
  fields.credit = tail || head.signOff || agency || trailing || fields.credit
  fields.body = bodyOf(withPullQuote(paragraphs, quote))
  if (!quote && front.some((line) => /^["“]/.test(line)))
    messages.push('A quote was found without an attribution.')
  return { format: 'wire-text', fields, messages, unplaced, kill }
}

/** Where the story ends: a sign-off, a time stamp, or the agency's notes not for publication. */
function endOfCopy(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i += 1) {
    const line = lines[i] ?? ''
    if (i > from && (readSignOff(line, i >= lines.length - 3) || isTimeStamp(line))) return i
    if (isEndOfCopy(lines, i)) return i
  }
  return lines.length
}

/** Without a dateline: the front ends after the last key point, reading time or pull quote, and a short deck. */
function splitFrontWithoutDateline(front: string[]): { front: string[]; rest: string[] } {
  let last = -1
  let inPoints = false
  front.forEach((line, i) => {
    if (KEY_POINTS.test(line)) inPoints = true
    else if (inPoints && !BULLET.test(line)) inPoints = false
    if (inPoints || READING_TIME.test(line) || PULL_QUOTE.test(line) || readCaption(line)) last = i
  })
  const next = front[last + 1] ?? ''
  const end =
    last >= 0 && next && next.length <= DECK_MAX && !/[.!?]$/.test(next) ? last + 2 : last + 1
  return { front: front.slice(0, end), rest: front.slice(end) }
}

/** "… mit Zustimmung. (ANSA)." : the agency leaves the text and is returned for the credit. */
function takeTrailingAgency(paragraphs: DocNode[]): string {
  const last = paragraphs.at(-1)
  const run = last?.content?.at(-1)
  if (!run || typeof run.text !== 'string') return ''
  const match = TRAILING_AGENCY.exec(run.text)
  if (!match?.[1] || !isKnownAgency(match[1])) return ''
  run.text = run.text.slice(0, match.index).trimEnd()
  return match[1]
}

function takeByline(fields: ImportProposal['fields'], line: string): void {
  const byline = cleanByline(line)
  if (byline.names.length > 0) fields.byline = byline.names.slice(0, 20)
  if (byline.agency && !fields.credit) fields.credit = byline.agency
}

function plainText(lines: string[], messages: string[]): ImportProposal {
  const fields = blankFields()
  const paragraphs = [...lines]
  const first = paragraphs[0] ?? ''
  if (first.length <= 150 && !/[.!?]$/.test(first) && paragraphs.length > 1) {
    fields.headline = first
    paragraphs.shift()
  }
  fields.body = bodyOf(paragraphs.map(paragraph))
  messages.push(
    'No wire structure (key points, dateline, sign-off) was recognised; the text was kept as a plain body.',
  )
  return { format: 'plain-text', fields, messages, unplaced: [], kill: null }
}

/** Places the pull quote after the paragraph that contains its words, else after the second paragraph. */
function withPullQuote(
  paragraphs: DocNode[],
  quote: { text: string; attribution: string } | null,
): DocNode[] {
  if (!quote?.text) return paragraphs
  const node: DocNode = {
    type: 'pullQuote',
    content: [
      { type: 'pullQuoteText', content: [{ type: 'text', text: quote.text }] },
      {
        type: 'pullQuoteAttribution',
        content: quote.attribution ? [{ type: 'text', text: quote.attribution }] : undefined,
      },
    ],
  }
  const needle = normalizeText(quote.text).slice(0, 40)
  const found = paragraphs.findIndex((p) =>
    normalizeText(p.content?.[0]?.text ?? '').includes(needle),
  )
  const at = found >= 0 ? found + 1 : Math.min(2, paragraphs.length)
  return [...paragraphs.slice(0, at), node, ...paragraphs.slice(at)]
}

/** A body that fits the editor schema: at least one block. */
export function bodyOf(nodes: DocNode[]): { type: 'doc'; content: DocNode[] } {
  return { type: 'doc', content: nodes.length > 0 ? nodes : [{ type: 'paragraph' }] }
}

function paragraph(text: string): DocNode {
  return text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' }
}
