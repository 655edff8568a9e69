import { docText, isBlockContainer } from './countWords'
import type { DocNode } from './DocNode'

/**
 * The body's text as a comparison shows it: its words, and each picture in the body as a line of
 * its own ("[Picture: caption · Credit: …]"), so adding, removing or recaptioning one is seen.
 */
export function bodyDiffText(node: DocNode | undefined): string {
  if (!node) return ''
  if (node.type === 'figure') return figureLine(node.attrs ?? {})
  if (!node.content?.some(holdsFigure)) return docText(node)
  const parts = node.content.map(bodyDiffText)
  return parts.join(isBlockContainer(node.type) ? '\n' : '')
}

function holdsFigure(node: DocNode): boolean {
  return node.type === 'figure' || (node.content ?? []).some(holdsFigure)
}

function figureLine(attrs: Record<string, unknown>): string {
  const text = (key: string) => {
    const value = attrs[key]
    return typeof value === 'string' ? value.trim() : ''
  }
  const words = [text('caption') || 'no caption', text('credit') && `Credit: ${text('credit')}`]
  return `[Picture: ${words.filter(Boolean).join(' · ')}]`
}
