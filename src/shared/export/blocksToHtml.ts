import type { Block, Inline, Publication } from './Publication'

/**
 * Reader blocks as HTML a CMS can take as it is: every text escaped, only http(s)/mailto links,
 * no attributes but href, rel, and a class and `data-copydesk` mark on the pull quote, key points box
 * and dateline, which a re-import reads back. Well-formed XHTML too.
 */
export function blocksToHtml(blocks: Block[]): string {
  return blocks.map(blockHtml).join('')
}

/** The Key Points box as an aside, for bodies that carry it (ninjs). */
export function keyPointsHtml(keyPoints: Publication['keyPoints']): string {
  if (keyPoints.items.length === 0) return ''
  const items = keyPoints.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')
  return `<aside class="key-points" data-copydesk="key-points"><h2>${escapeHtml(keyPoints.title || 'Key Points')}</h2><ul>${items}</ul></aside>`
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
