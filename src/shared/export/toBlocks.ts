import type { DocMark, DocNode } from '../domain/DocNode'
import { normalizeLink } from '../editor-schema/normalizeLink'
import { LeadPicture } from '../domain/LeadPicture'
import type { Block, BodyBlock, Figure, Inline } from './Publication'

/** Maps a TipTap body to reader blocks. Unknown nodes are skipped, never passed through as markup. */
export function toBlocks(nodes: DocNode[] | undefined): Block[] {
  const blocks: Block[] = []
  for (const node of nodes ?? []) {
    const block = toBlock(node)
    if (block) blocks.push(block)
  }
  return blocks
}

/**
 * The top level of a body with its figures in place (a figure is a top-level block, never inside a
 * list or quote). A figure whose attributes are not a picture's is skipped like an unknown node.
 */
export function toBodyBlocks(nodes: DocNode[] | undefined): BodyBlock[] {
  const blocks: BodyBlock[] = []
  for (const node of nodes ?? []) {
    const block = node.type === 'figure' ? toFigure(node) : toBlock(node)
    if (block) blocks.push(block)
  }
  return blocks
}

function toFigure(node: DocNode): Figure | null {
  const picture = LeadPicture.safeParse({
    caption: '',
    credit: '',
    creator: '',
    copyright: '',
    altText: '',
    ...node.attrs,
  })
  return picture.success ? { type: 'figure', ...picture.data } : null
}

function toBlock(node: DocNode): Block | null {
  switch (node.type) {
    case 'paragraph':
      return { type: 'paragraph', content: toInlines(node.content) }
    case 'heading':
      return {
        type: 'heading',
        level: Number(node.attrs?.['level'] ?? 2),
        content: toInlines(node.content),
      }
    case 'bulletList':
    case 'orderedList':
      return {
        type: 'list',
        ordered: node.type === 'orderedList',
        items: (node.content ?? []).map((item) => toBlocks(item.content)),
      }
    case 'blockquote':
      return { type: 'quote', content: toBlocks(node.content) }
    case 'pullQuote': {
      const text = node.content?.find((child) => child.type === 'pullQuoteText')
      const attribution = node.content?.find((child) => child.type === 'pullQuoteAttribution')
      return {
        type: 'pullQuote',
        text: toInlines(text?.content),
        attribution: plainText(attribution?.content).trim(),
      }
    }
    default:
      return null
  }
}

/** Inline runs of a block's content. */
export function toInlines(nodes: DocNode[] | undefined): Inline[] {
  const inlines: Inline[] = []
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') inlines.push({ type: 'break' })
    if (node.type !== 'text' || !node.text) continue
    const run: Inline = { type: 'text', text: node.text }
    for (const mark of node.marks ?? []) applyMark(run, mark)
    inlines.push(run)
  }
  return inlines
}

function applyMark(run: Extract<Inline, { type: 'text' }>, mark: DocMark): void {
  if (mark.type === 'bold') run.bold = true
  if (mark.type === 'italic') run.italic = true
  const href = mark.attrs?.['href']
  // As the publish schemas want it (a lower-case scheme), even in a body stored before links were.
  const link = mark.type === 'link' && typeof href === 'string' ? normalizeLink(href) : null
  if (link) run.href = link
}

function plainText(nodes: DocNode[] | undefined): string {
  return (nodes ?? []).map((node) => node.text ?? '').join('')
}
