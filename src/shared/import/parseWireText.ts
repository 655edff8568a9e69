import type { DocNode } from '../domain/DocNode'
import { parseDatelineDate } from '../domain/formatDateline'
import { blankFields } from '../domain/newArticle'
import { cleanByline } from './cleanByline'
import type { ImportProposal, Unplaced } from './ImportProposal'
import { readCaption } from './readCaption'
import { readDateline } from './readDateline'
import { readKill } from './readKill'

const BULLET = /^\s*[•·▪◦‣*–-]\s+(.+)$/
const KEY_POINTS = /^key\s*points\s*:?\s*(.*)$/i
const READING_TIME = /^\d+\s*min(ute)?s?\s+read$/i
const CREDIT = /^[-–—－]\s*([\p{Lu}\p{Lo}][\p{L}\p{N} .&/-]{1,40})$/u
const SIGN_OFF = /^(?:additional\s+)?(?:reporting|writing)\s+by\s+\p{Lu}.{1,200}$/iu
const BYLINE = /^(?:by|von|av|af|par|di|por|door)\s+\p{Lu}.{1,120}$/iu
const PULL_QUOTE = /^["“](.+?)\s+[-–—]\s+([^"”]{2,80})["”]$|^["“](.+)["”]\s*[-–—]\s*(.{2,80})$/s
const FURNITURE =
  /^(share this article:?|reader comments|leave a comment|we welcome thoughtful discussions.*|minimum \d+ characters.*)$/i
/** Longer than this, the lines before the key points are a story, not a summary. */
const SUMMARY_MAX = 1000
const DECK_MAX = 200

/**
 * Reads plain-text wire copy (headline, summary, Key Points box, reading time, deck, pull quote,
 * byline, dateline, body, agency sign-off, then page furniture such as reader comments) into article
 * fields. Never throws: lines it cannot place are offered in `unplaced`, and copy it cannot split
 * sensibly becomes a body.
 */
export function parseWireText(text: string, now: Date = new Date()): ImportProposal {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0)
  const fields = blankFields()
  const messages: string[] = []
  const unplaced: Unplaced[] = []
  const lines = blocks.flat()
  if (lines.length === 0)
    return { format: 'plain-text', fields, messages: ['The text is empty.'], unplaced, kill: null }
  const kill = readKill(lines.slice(0, 5))
  const datelineAt = lines.findIndex((line, i) => i > 0 && readDateline(line) !== null)
  const keyPointsAt = lines.findIndex((line) => KEY_POINTS.test(line))
  const creditAt = lines.findIndex((line, i) => i > Math.max(0, datelineAt) && CREDIT.test(line))
  if (datelineAt < 0 && keyPointsAt < 0 && creditAt < 0) {
    const plain = plainText(blocks, messages)
    return { ...plain, kill }
  }

  fields.headline = lines[0] ?? ''
  const end = creditAt < 0 ? lines.length : creditAt
  const frontEnd = datelineAt >= 0 ? datelineAt : frontEndWithoutDateline(lines, end)
  const front = lines.slice(1, frontEnd)
  const bodyLines = lines.slice(datelineAt >= 0 ? datelineAt + 1 : frontEnd, end)
  const summary: string[] = []
  let quote: { text: string; attribution: string } | null = null
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
    } else if (BYLINE.test(line)) {
      takeByline(fields, line)
    } else if (stage === 'summary') {
      summary.push(line)
    } else if (!fields.deck && line.length <= DECK_MAX) {
      fields.deck = line
      stage = 'after'
    } else {
      unplaced.push({ kind: 'text', text: line })
    }
  }
  const summaryText = summary.join(' ')
  if (summaryText.length > SUMMARY_MAX || (keyPointsAt < 0 && summary.length > 1)) {
    bodyLines.unshift(...summary)
    messages.push('The copy has no summary the importer could tell apart; it all went to the body.')
  } else {
    fields.summary = summaryText
  }

  const dateline = datelineAt >= 0 ? readDateline(lines[datelineAt] ?? '') : null
  let agency = ''
  if (dateline) {
    fields.dateline = {
      place: dateline.place,
      date: dateline.dateText ? parseDatelineDate(dateline.dateText, now) : null,
    }
    agency = dateline.agency
    if (dateline.rest) bodyLines.unshift(dateline.rest)
    if (dateline.dateText && !fields.dateline.date)
      messages.push(`The dateline date “${dateline.dateText}” could not be read.`)
  }
  const paragraphs: DocNode[] = []
  for (const line of bodyLines) {
    const caption = readCaption(line)
    if (caption) unplaced.push(caption)
    else if (paragraphs.length === 0 && BYLINE.test(line)) takeByline(fields, line)
    else if (SIGN_OFF.test(line)) {
      if (fields.byline.length === 0) takeByline(fields, line)
    } else paragraphs.push(paragraph(line))
  }
  const signOff = CREDIT.exec(lines[creditAt] ?? '')?.[1]?.trim()
  fields.credit = signOff || agency || fields.credit
  fields.body = bodyOf(withPullQuote(paragraphs, quote))

  const after = creditAt < 0 ? [] : lines.slice(creditAt + 1)
  const minimum = after.map((line) => /minimum (\d+) characters/i.exec(line)?.[1]).find(Boolean)
  const dropped = after.filter((line) => !FURNITURE.test(line)).length
  if (after.length > 0) {
    messages.push(
      `Left out what follows the sign-off (share links, reader comments: ${dropped} lines)` +
        (minimum ? `; the page asked for comments of at least ${minimum} characters.` : '.'),
    )
  }
  if (!quote && front.some((line) => /^["“]/.test(line)))
    messages.push('A quote was found without an attribution.')
  return { format: 'wire-text', fields, messages, unplaced, kill }
}

/** Without a dateline: the front ends after the last key point, reading time or pull quote, and a short deck. */
function frontEndWithoutDateline(lines: string[], end: number): number {
  let last = 0
  let inPoints = false
  for (let i = 1; i < end; i += 1) {
    const line = lines[i] ?? ''
    if (KEY_POINTS.test(line)) inPoints = true
    else if (inPoints && !BULLET.test(line)) inPoints = false
    if (KEY_POINTS.test(line) || inPoints || READING_TIME.test(line) || PULL_QUOTE.test(line))
      last = i
  }
  if (last === 0) return 1
  const next = lines[last + 1] ?? ''
  return next && next.length <= DECK_MAX && !/[.!?]$/.test(next) ? last + 2 : last + 1
}

function takeByline(fields: ImportProposal['fields'], line: string): void {
  const byline = cleanByline(line)
  if (byline.names.length > 0) fields.byline = byline.names.slice(0, 20)
  if (byline.agency && !fields.credit) fields.credit = byline.agency
}

function plainText(blocks: string[][], messages: string[]): ImportProposal {
  const fields = blankFields()
  const paragraphs = blocks.map((lines) => lines.join(' '))
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
  const needle = normalize(quote.text).slice(0, 40)
  const found = paragraphs.findIndex((p) => normalize(p.content?.[0]?.text ?? '').includes(needle))
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

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
