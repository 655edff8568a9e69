import type { Block, Inline, Publication } from './Publication'

/**
 * Reader blocks as HTML a CMS can take as it is: every text escaped, only http(s)/mailto links,
 * no attributes but href, rel, and a class and `data-copydesk` mark on the pull quote, key points box
 * and dateline, which a re-import reads back. Well-formed XHTML too.
 */
export function blocksToHtml(blocks: Block[], dateline?: DatelineMark): string {
  if (!dateline) return blocks.map(blockHtml).join('')
  const lead = blocks.findIndex((block) => block.type === 'paragraph')
  return blocks
    .map((block, i) =>
      i === lead && block.type === 'paragraph' ? leadHtml(block, dateline) : blockHtml(block),
    )
    .join('')
}

/** The structured dateline a re-import reads back exactly: its place and ISO date. */
export type DatelineMark = { place: string; date: string | null }

/**
 * The lead paragraph with its dateline marked, place and date as attributes so a re-import needs
 * no guessing ("the Hague", a date without a place). A date without a place leaves an empty mark.
 */
function leadHtml(block: Extract<Block, { type: 'paragraph' }>, mark: DatelineMark): string {
  if (!block.dateline && !mark.date) return blockHtml(block)
  const attributes =
    ` data-place="${escapeHtml(mark.place)}"` + (mark.date ? ` data-date="${mark.date}"` : '')
  const text = block.dateline ? `${escapeHtml(block.dateline)}` : ''
  const span = `<span class="dateline" data-copydesk="dateline"${attributes}>${text}</span>`
  return `<p>${span}${block.dateline ? ': ' : ''}${inlineHtml(block.content)}</p>`
}

/** The Key Points box as an aside, for bodies that carry it (ninjs). */
export function keyPointsHtml(keyPoints: Publication['keyPoints']): string {
  if (keyPoints.items.length === 0) return ''
  const items = keyPoints.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')
  // An empty title shows as "Key Points"; the mark says it was empty, so a re-import keeps it so.
  const heading = keyPoints.title
    ? `<h2>${escapeHtml(keyPoints.title)}</h2>`
    : '<h2 data-default="">Key Points</h2>'
  return `<aside class="key-points" data-copydesk="key-points">${heading}<ul>${items}</ul></aside>`
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph': {
      const lead = block.dateline
        ? `<span class="dateline" data-copydesk="dateline">${escapeHtml(block.dateline)}</span>: `
        : ''
      return `<p>${lead}${inlineHtml(block.content)}</p>`
    }
    case 'heading': {
      const tag = `h${Math.min(4, Math.max(2, block.level))}`
      return `<${tag}>${inlineHtml(block.content)}</${tag}>`
    }
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul'
      return `<${tag}>${block.items.map((item) => `<li>${blocksToHtml(item)}</li>`).join('')}</${tag}>`
    }
    case 'quote':
      return `<blockquote>${blocksToHtml(block.content)}</blockquote>`
    case 'pullQuote': {
      const caption = block.attribution
        ? `<figcaption>${escapeHtml(block.attribution)}</figcaption>`
        : ''
      return `<figure class="pull-quote" data-copydesk="pull-quote"><blockquote><p>${inlineHtml(block.text)}</p></blockquote>${caption}</figure>`
    }
  }
}

/** Inline runs as HTML; `rel` is what links carry (a desk setting for WordPress). */
export function inlineHtml(content: Inline[], rel = 'noopener noreferrer nofollow'): string {
  return content
    .map((run) => {
      if (run.type === 'break') return '<br/>'
      let html = escapeHtml(run.text)
      if (run.italic) html = `<em>${html}</em>`
      if (run.bold) html = `<strong>${html}</strong>`
      if (run.href)
        html = `<a href="${escapeHtml(run.href)}"${rel ? ` rel="${escapeHtml(rel)}"` : ''}>${html}</a>`
      return html
    })
    .join('')
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
