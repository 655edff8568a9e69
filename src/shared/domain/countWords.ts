import type { DocNode } from './DocNode'

/** Counts words in plain text: runs of letters or digits, apostrophes and hyphens inside words. */
export function countWords(text: string): number {
  const matches = text.match(/[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*/gu)
  return matches ? matches.length : 0
}

/** The plain text of a TipTap document, one line per block. */
export function docText(node: DocNode | undefined): string {
  if (!node) return ''
  if (typeof node.text === 'string') return node.text
  if (node.type === 'hardBreak') return '\n'
  const parts = (node.content ?? []).map(docText)
  return parts.join(isBlockContainer(node.type) ? '\n' : '')
}

function isBlockContainer(type: string): boolean {
  return type !== 'paragraph' && type !== 'heading'
}
