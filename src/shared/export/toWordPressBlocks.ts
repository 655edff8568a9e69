import type { Correction } from '../domain/Article'
import { escapeHtml, inlineHtml } from './blocksToHtml'
import type { Block, Inline, Publication } from './Publication'

/** How the desk lays a story out in WordPress (Desk settings), and the corrections to print. */
export type WordPressLayout = {
  /** The deck as a standfirst paragraph above the body, or in the excerpt (then not in the body). */
  deck: 'standfirst' | 'excerpt'
  /** rel of links in the body. */
  linkRel: string
  /** rel of the sources' links. */
  sourceRel: string
  corrections: Pick<Correction, 'at' | 'note'>[]
}

/**
 * The story as WordPress block markup (the block editor's serialized form), everything the desk
 * wrote in reading order: the standfirst, the byline, the Key Points box, the body (core/paragraph,
 * core/heading, core/list with nested lists, core/quote, core/pullquote with its citation), the
 * credit, the sources and the corrections for readers, in the desk's wording.
 */
export function toWordPressBlocks(publication: Publication, layout: WordPressLayout): string {
  const parts: string[] = []
  if (layout.deck === 'standfirst' && publication.deck)
    parts.push(paragraph(escapeHtml(publication.deck), 'standfirst'))
  if (publication.byline.length > 0)
    parts.push(paragraph(`By ${escapeHtml(joinNames(publication.byline))}`, 'byline'))
  if (publication.keyPoints.items.length > 0) {
    parts.push(heading(3, escapeHtml(publication.keyPoints.title || 'Key Points')))
    parts.push(
      list(
        false,
        publication.keyPoints.items.map((item) => escapeHtml(item)),
      ),
    )
  }
  for (const block of publication.blocks) parts.push(blockMarkup(block, layout.linkRel))
  if (publication.credit) parts.push(paragraph(`- ${escapeHtml(publication.credit)}`))
  if (publication.sources.length > 0) {
    const names = publication.sources.map((source) =>
      source.url
        ? inlineHtml([{ type: 'text', text: source.name, href: source.url }], layout.sourceRel)
        : escapeHtml(source.name),
    )
    parts.push(paragraph(`<strong>Sources:</strong> ${names.join(', ')}`, 'sources'))
  }
  for (const correction of layout.corrections) {
    const label = `Correction, ${readerDate(correction.at)}:`
    parts.push(paragraph(`<strong>${label}</strong> ${escapeHtml(correction.note)}`, 'correction'))
  }
  return parts.join('\n\n')
}

function blockMarkup(block: Block, rel: string): string {
  switch (block.type) {
    case 'paragraph': {
      const lead = block.dateline ? `<strong>${escapeHtml(block.dateline)}</strong>: ` : ''
      return paragraph(`${lead}${inlineHtml(block.content, rel)}`)
    }
    case 'heading':
      return heading(block.level, inlineHtml(block.content, rel))
    case 'list':
      return listBlock(block, rel)
    case 'quote':
      return `<!-- wp:quote -->\n<blockquote class="wp-block-quote">${block.content.map((b) => blockMarkup(b, rel)).join('\n')}</blockquote>\n<!-- /wp:quote -->`
    case 'pullQuote': {
      const cite = block.attribution ? `<cite>${escapeHtml(block.attribution)}</cite>` : ''
      return `<!-- wp:pullquote -->\n<figure class="wp-block-pullquote"><blockquote><p>${inlineHtml(block.text, rel)}</p>${cite}</blockquote></figure>\n<!-- /wp:pullquote -->`
    }
  }
}

/**
 * A core/list whose items keep every paragraph (a core/list-item holds inline text, so paragraphs
 * are separated by a line break) and carry nested lists as inner core/list blocks.
 */
function listBlock(block: Extract<Block, { type: 'list' }>, rel: string): string {
  const items = block.items.map((item) => {
    const text = item
      .filter((b) => b.type !== 'list')
      .map((b) => inlineHtml(inlinesOf(b), rel))
      .filter(Boolean)
      .join('<br>')
    const nested = item
      .filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list')
      .map((b) => listBlock(b, rel))
    return `${text}${nested.join('')}`
  })
  return list(block.ordered, items)
}

const BREAK: Inline = { type: 'break' }

/** The inline text of a block found inside a list item. */
function inlinesOf(block: Block): Inline[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return block.content
    case 'pullQuote':
      return block.text
    case 'quote':
      return block.content.flatMap((inner, i) =>
        i > 0 ? [BREAK, ...inlinesOf(inner)] : inlinesOf(inner),
      )
    case 'list':
      return []
  }
}

function paragraph(html: string, className?: string): string {
  if (!className) return `<!-- wp:paragraph -->\n<p>${html}</p>\n<!-- /wp:paragraph -->`
  return `<!-- wp:paragraph {"className":"${className}"} -->\n<p class="${className}">${html}</p>\n<!-- /wp:paragraph -->`
}

function heading(level: number, html: string): string {
  const attrs = level === 2 ? '' : ` {"level":${level}}`
  return `<!-- wp:heading${attrs} -->\n<h${level} class="wp-block-heading">${html}</h${level}>\n<!-- /wp:heading -->`
}

function list(ordered: boolean, items: string[]): string {
  const tag = ordered ? 'ol' : 'ul'
  const attrs = ordered ? ' {"ordered":true}' : ''
  const lis = items
    .map((item) => `<!-- wp:list-item -->\n<li>${item}</li>\n<!-- /wp:list-item -->`)
    .join('\n')
  return `<!-- wp:list${attrs} -->\n<${tag} class="wp-block-list">${lis}</${tag}>\n<!-- /wp:list -->`
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "Jan 24, 2026", in UTC, as the desk's datelines read. */
function readerDate(iso: string): string {
  const date = new Date(iso)
  return `${MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCDate()}, ${date.getUTCFullYear()}`
}
