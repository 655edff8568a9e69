import { escapeHtml, inlineHtml } from './blocksToHtml'
import type { Block, Publication } from './Publication'

/**
 * The body as WordPress block markup (the block editor's serialized form): core/paragraph,
 * core/heading, core/list for the Key Points box and lists, core/quote, core/pullquote with its citation.
 */
export function toWordPressBlocks(publication: Publication): string {
  const parts: string[] = []
  if (publication.keyPoints.items.length > 0) {
    parts.push(heading(3, escapeHtml(publication.keyPoints.title || 'Key Points')))
    parts.push(
      list(
        false,
        publication.keyPoints.items.map((item) => escapeHtml(item)),
      ),
    )
  }
  for (const block of publication.blocks) parts.push(blockMarkup(block))
  if (publication.credit) parts.push(paragraph(`- ${escapeHtml(publication.credit)}`))
  return parts.join('\n\n')
}

function blockMarkup(block: Block): string {
  switch (block.type) {
    case 'paragraph': {
      const lead = block.dateline ? `<strong>${escapeHtml(block.dateline)}</strong>: ` : ''
      return paragraph(`${lead}${inlineHtml(block.content)}`)
    }
    case 'heading':
      return heading(block.level, inlineHtml(block.content))
    case 'list':
      return list(
        block.ordered,
        block.items.map((item) => item.map(innerHtml).join(' ')),
      )
    case 'quote':
      return `<!-- wp:quote -->\n<blockquote class="wp-block-quote">${block.content.map(blockMarkup).join('\n')}</blockquote>\n<!-- /wp:quote -->`
    case 'pullQuote': {
      const cite = block.attribution ? `<cite>${escapeHtml(block.attribution)}</cite>` : ''
      return `<!-- wp:pullquote -->\n<figure class="wp-block-pullquote"><blockquote><p>${inlineHtml(block.text)}</p>${cite}</blockquote></figure>\n<!-- /wp:pullquote -->`
    }
  }
}

function innerHtml(block: Block): string {
  return block.type === 'paragraph' || block.type === 'heading' ? inlineHtml(block.content) : ''
}

function paragraph(html: string): string {
  return `<!-- wp:paragraph -->\n<p>${html}</p>\n<!-- /wp:paragraph -->`
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
