import type { KeyPoints } from '../domain/Article'
import type { BodyDoc, DocNode } from '../domain/DocNode'
import type { FoundDateline, HtmlToBody } from './HtmlBody'
import type { Unplaced } from './ImportProposal'
import { objectsOf, stringOf, type JsonObject } from './JsonObject'
import { normalizeText } from './normalizeText'
import { bodyOf } from './parseWireText'
import { readCaption } from './readCaption'

/** A ninjs body read: the document, and the marks and asides taken out of it. */
export type NinjsBody = {
  doc: BodyDoc
  keyPoints: KeyPoints | null
  dateline: FoundDateline | null
  agency: string
  /** The body's plain text, for comparing a description with the lead. */
  text: string
}

/** The type of a ninjs body or description, in 1.x/2.x (`contenttype`) or 3.x (`contentType`) spelling. */
export function contentTypeOf(item: JsonObject): string {
  return stringOf(item['contentType']) || stringOf(item['contenttype'])
}

/** Picks the richest body (HTML, else plain text) and reads it. */
export function readNinjsBody(
  data: JsonObject,
  headline: string,
  htmlToBody: HtmlToBody,
  messages: string[],
  unplaced: Unplaced[],
): NinjsBody {
  const bodies = objectsOf(data['bodies'])
  const richBody =
    bodies.find(
      (b) =>
        /xhtml|html/i.test(contentTypeOf(b)) &&
        /^(?:main|richtext|html|html5)$/i.test(stringOf(b['role'])),
    ) ?? bodies.find((b) => /xhtml|html/i.test(contentTypeOf(b)))
  const plainBody = bodies.find((b) => /plain/i.test(contentTypeOf(b)) || !contentTypeOf(b))
  const html =
    stringOf(richBody?.['value']) || stringOf(data['body_html']) || stringOf(data['body_xhtml'])
  const plain = stringOf(plainBody?.['value']) || stringOf(data['body_text'])
  if (html) {
    const read = htmlToBody(html, { headline })
    unplaced.push(...read.unplaced)
    messages.push(...read.notes)
    return {
      doc: read.body,
      keyPoints: read.keyPoints,
      dateline: read.dateline,
      agency: read.agency,
      text: plainOf(read.body),
    }
  }
  if (!plain) messages.push('The ninjs document has no body.')
  const paragraphs: DocNode[] = []
  const parts = (/\n\s*\n/.test(plain) ? plain.split(/\n\s*\n/) : plain.split('\n')).map((p) =>
    p.replace(/\s+/g, ' ').trim(),
  )
  for (const [i, part] of parts.entries()) {
    if (!part || (i === 0 && normalizeText(part) === normalizeText(headline))) continue
    const caption = readCaption(part)
    if (caption) unplaced.push(caption)
    else paragraphs.push({ type: 'paragraph', content: [{ type: 'text', text: part }] })
  }
  const doc = bodyOf(paragraphs)
  return { doc, keyPoints: null, dateline: null, agency: '', text: plainOf(doc) }
}

function plainOf(node: DocNode): string {
  if (typeof node.text === 'string') return node.text
  return (node.content ?? []).map(plainOf).join(' ')
}
