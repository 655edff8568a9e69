import type { BodyDoc, DocNode } from '../domain/DocNode'
import { readDateline, type BodyDateline } from './readDateline'

/**
 * Takes a dateline off the head of the body's first paragraph ("GROSSETO, Italy (AP) -- The trial…"),
 * however long that paragraph is, so it becomes the structured dateline and leaves the body text.
 */
export function takeLeadDateline(body: BodyDoc): { body: BodyDoc; dateline: BodyDateline | null } {
  const blocks = body.content ?? []
  const at = blocks.findIndex((node) => node.type === 'paragraph' && text(node).trim() !== '')
  const lead = blocks[at]
  if (!lead) return { body, dateline: null }
  const dateline = readDateline(text(lead))
  if (!dateline) return { body, dateline: null }
  // The rest is the paragraph's own tail: everything before it is the dateline.
  const content = dropChars(lead.content ?? [], text(lead).length - dateline.rest.length)
  const next = [...blocks]
  if (content.length === 0) next.splice(at, 1)
  else next[at] = { ...lead, content }
  return { body: { ...body, content: next.length > 0 ? next : [{ type: 'paragraph' }] }, dateline }
}

function text(node: DocNode): string {
  return (node.content ?? []).map((child) => child.text ?? '').join('')
}

/** Removes the first `count` characters from inline content, then the spaces after them. */
function dropChars(nodes: DocNode[], count: number): DocNode[] {
  let left = count
  const out: DocNode[] = []
  for (const node of nodes) {
    if (left <= 0 || typeof node.text !== 'string') {
      if (left > 0 && node.type === 'hardBreak') continue
      out.push(node)
      continue
    }
    if (node.text.length <= left) {
      left -= node.text.length
      continue
    }
    out.push({ ...node, text: node.text.slice(left) })
    left = 0
  }
  // "WASHINGTON (AP)<br>The…": the break after the dateline goes with it.
  while (out[0]?.type === 'hardBreak') out.shift()
  const first = out[0]
  if (first && typeof first.text === 'string') {
    const trimmed = first.text.replace(/^\s+/, '')
    if (trimmed) out[0] = { ...first, text: trimmed }
    else out.shift()
  }
  return out
}
