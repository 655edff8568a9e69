import type { DocNode } from '../domain/DocNode'
import { parseDatelineDate } from '../domain/formatDateline'
import { blankFields } from '../domain/newArticle'
import type { ImportProposal } from './ImportProposal'

const BULLET = /^\s*[•·▪◦‣*–-]\s+(.+)$/
const KEY_POINTS = /^key\s*points\s*:?\s*(.*)$/i
const READING_TIME = /^\d+\s*min(ute)?s?\s+read$/i
const DATELINE =
  /^([\p{Lu}][\p{L}.' -]{1,40}),\s+((?:[A-Za-z]{3,9}\.?\s+\d{1,2}|\d{1,2}\s+[A-Za-z]{3,9})(?:,?\s+\d{4})?)\s*(?:\(([^)]{2,30})\))?\s*[:–—-]?\s*(.*)$/u
const CREDIT = /^[-–—]\s*([\p{Lu}][\p{L}\p{N} .&/]{1,40})$/u
const PULL_QUOTE = /^["“](.+?)\s+[-–—]\s+([^"”]{2,80})["”]$|^["“](.+)["”]\s*[-–—]\s*(.{2,80})$/s
const FURNITURE =
  /^(share this article:?|reader comments|leave a comment|we welcome thoughtful discussions.*|minimum \d+ characters.*)$/i

/**
 * Reads plain-text wire copy (headline, summary, Key Points box, reading time, deck, pull quote,
 * dateline, body, agency sign-off, then page furniture such as reader comments) into article fields.
 * Never throws: text it cannot place is reported in `messages`, and copy with no wire structure
 * becomes a plain body.
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
  const lines = blocks.flat()
  const datelineAt = lines.findIndex((line) => DATELINE.test(line) && line.length < 400)
  const keyPointsAt = lines.findIndex((line) => KEY_POINTS.test(line))
  const creditAt = lines.findIndex((line, i) => i > datelineAt && CREDIT.test(line))
  if (lines.length === 0) return { format: 'plain-text', fields, messages: ['The text is empty.'] }
  if (datelineAt < 0 && keyPointsAt < 0 && creditAt < 0) return plainText(blocks, messages)

  fields.headline = lines[0] ?? ''
  const front = lines.slice(1, datelineAt < 0 ? lines.length : datelineAt)
  const bodyLines =
    datelineAt < 0 ? [] : lines.slice(datelineAt + 1, creditAt < 0 ? lines.length : creditAt)
  const summary: string[] = []
  const unplaced: string[] = []
  let quote: { text: string; attribution: string } | null = null
  let stage: 'summary' | 'points' | 'after' = 'summary'
  for (const line of front) {
    const keyPoints = KEY_POINTS.exec(line)
    const bullet = BULLET.exec(line)
    const pull = PULL_QUOTE.exec(line)
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
    } else if (stage === 'summary') {
      summary.push(line)
    } else if (!fields.deck) {
      fields.deck = line
      stage = 'after'
    } else {
      unplaced.push(line)
    }
  }
  fields.summary = summary.join(' ')

  const dateline = DATELINE.exec(lines[datelineAt] ?? '')
  if (dateline) {
    fields.dateline = {
      place: titleCase(dateline[1] ?? ''),
      date: parseDatelineDate(dateline[2] ?? '', now),
    }
    if (dateline[3]) fields.credit = dateline[3].trim()
    if (dateline[4]) bodyLines.unshift(dateline[4])
  }
  const credit = CREDIT.exec(lines[creditAt] ?? '')
  if (credit?.[1]) fields.credit = credit[1].trim()
  fields.body = bodyOf(withPullQuote(bodyLines.map(paragraph), quote))

  for (const line of unplaced) messages.push(`Not placed, add it where it belongs: “${clip(line)}”`)
  const after = creditAt < 0 ? [] : lines.slice(creditAt + 1)
  const minimum = after.map((line) => /minimum (\d+) characters/i.exec(line)?.[1]).find(Boolean)
  const dropped = after.filter((line) => !FURNITURE.test(line)).length
  if (after.length > 0) {
    messages.push(
      `Left out what follows the sign-off (share links, reader comments: ${dropped} lines)` +
        (minimum ? `; the page asked for comments of at least ${minimum} characters.` : '.'),
    )
  }
  if (!fields.dateline.date && dateline)
    messages.push(`The dateline date “${dateline[2] ?? ''}” could not be read.`)
  if (!quote && front.some((line) => /^["“]/.test(line)))
    messages.push('A quote was found without an attribution.')
  return { format: 'wire-text', fields, messages }
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
  return { format: 'plain-text', fields, messages }
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

function titleCase(place: string): string {
  return place === place.toUpperCase()
    ? place.toLowerCase().replace(/(^|[\s-])\p{L}/gu, (m) => m.toUpperCase())
    : place.trim()
}

function clip(text: string): string {
  return text.length > 90 ? `${text.slice(0, 87)}…` : text
}
