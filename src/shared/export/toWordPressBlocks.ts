import type { Correction } from '../domain/Article'
import { escapeHtml, inlineHtml } from './blocksToHtml'
import type { Block, Figure, Inline, Publication } from './Publication'
import { wordPressCaption } from './wordPressCaption'

/** The story's pictures in the site's media library, by the desk's media id. */
export type WordPressMedia = ReadonlyMap<string, { id: number; url: string }>

/** How the desk lays a story out in WordPress (Desk settings), and the corrections to print. */
export type WordPressLayout = {
  /** The deck as a standfirst paragraph above the body, or in the excerpt (then not in the body). */
  deck: 'standfirst' | 'excerpt'
  /** rel of links in the body. */
  linkRel: string
  /** rel of the sources' links. */
  sourceRel: string
  corrections: Pick<Correction, 'at' | 'note'>[]
  /**
   * The story's language (BCP 47). Core WordPress keeps no language per post, so the text carries
   * it: each block's text is wrapped in `<span lang="…">`, which browsers, screen readers and
   * search engines read and the block editor keeps (an inline element it does not know stays as
   * "unknown formatting", and a block's HTML content is compared as it is, so blocks stay valid).
   * Paragraphs of a right-to-left language also get core/paragraph's `direction`.
   */
  language?: string | undefined
  /** The pictures already in the site's media library: each figure becomes a core/image block. */
  media?: WordPressMedia | undefined
}

/** How a block's text is marked up: link rel, and the story's language and direction. */
type Context = { rel: string; lang: string; rtl: boolean }

/**
 * The story as WordPress block markup (the block editor's serialized form), everything the desk
 * wrote in reading order: the standfirst, the byline, the Key Points box, the body (core/paragraph,
 * core/heading, core/list with nested lists, core/quote, core/pullquote with its citation, core/image
 * for each figure, from the site's media library), the
 * credit, the sources and the corrections for readers, in the desk's wording.
 */
export function toWordPressBlocks(publication: Publication, layout: WordPressLayout): string {
  const lang = layout.language ?? ''
  const ctx: Context = { rel: layout.linkRel, lang, rtl: isRightToLeft(lang) }
  const text = (html: string) => inLanguage(html, ctx)
  const para = (html: string, className?: string) => paragraph(html, className, ctx.rtl)
  const parts: string[] = []
  if (layout.deck === 'standfirst' && publication.deck)
    parts.push(para(text(escapeHtml(publication.deck)), 'standfirst'))
  if (publication.byline.length > 0)
    parts.push(para(`By ${text(escapeHtml(joinNames(publication.byline)))}`, 'byline'))
  if (publication.keyPoints.items.length > 0) {
    parts.push(heading(3, text(escapeHtml(publication.keyPoints.title || 'Key Points'))))
    parts.push(
      list(
        false,
        publication.keyPoints.items.map((item) => text(escapeHtml(item))),
      ),
    )
  }
  for (const block of publication.body ?? publication.blocks)
    if (block.type !== 'figure') parts.push(blockMarkup(block, ctx))
    else {
      // A figure whose picture is not in the library has nothing to show (WordPressClient uploads
      // every picture first, and stops the push when one cannot go).
      const media = layout.media?.get(block.mediaId)
      if (media) parts.push(imageBlock(block, media, ctx))
    }
  if (publication.credit) parts.push(para(`- ${text(escapeHtml(publication.credit))}`))
  if (publication.sources.length > 0) {
    const names = publication.sources.map((source) =>
      source.url
        ? inlineHtml([{ type: 'text', text: source.name, href: source.url }], layout.sourceRel)
        : escapeHtml(source.name),
    )
    parts.push(para(`<strong>Sources:</strong> ${text(names.join(', '))}`, 'sources'))
  }
  for (const correction of layout.corrections) {
    const label = `Correction, ${readerDate(correction.at)}:`
    parts.push(para(`<strong>${label}</strong> ${text(escapeHtml(correction.note))}`, 'correction'))
  }
  return parts.join('\n\n')
}

function blockMarkup(block: Block, ctx: Context): string {
  switch (block.type) {
    case 'paragraph': {
      const lead = block.dateline ? `<strong>${escapeHtml(block.dateline)}</strong>: ` : ''
      return paragraph(inLanguage(`${lead}${inlineHtml(block.content, ctx.rel)}`, ctx), '', ctx.rtl)
    }
    case 'heading':
      return heading(block.level, inLanguage(inlineHtml(block.content, ctx.rel), ctx))
    case 'list':
      return listBlock(block, ctx)
    case 'quote':
      return `<!-- wp:quote -->\n<blockquote class="wp-block-quote">${block.content.map((b) => blockMarkup(b, ctx)).join('\n')}</blockquote>\n<!-- /wp:quote -->`
    case 'pullQuote': {
      const cite = block.attribution
        ? `<cite>${inLanguage(escapeHtml(block.attribution), ctx)}</cite>`
        : ''
      return `<!-- wp:pullquote -->\n<figure class="wp-block-pullquote"><blockquote><p>${inLanguage(inlineHtml(block.text, ctx.rel), ctx)}</p>${cite}</blockquote></figure>\n<!-- /wp:pullquote -->`
    }
  }
}

/**
 * A figure as core/image, as the block editor saves an image from the media library: the
 * attachment's id in the comment and in the img's class (wp-image-N, which WordPress uses for
 * responsive srcset), the large size, alt text, and the caption with the credit.
 */
function imageBlock(figure: Figure, media: { id: number; url: string }, ctx: Context): string {
  const caption = wordPressCaption(figure)
  const figcaption = caption
    ? `<figcaption class="wp-element-caption">${inLanguage(caption, ctx)}</figcaption>`
    : ''
  return `<!-- wp:image {"id":${media.id},"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="${escapeHtml(media.url)}" alt="${escapeHtml(figure.altText)}" class="wp-image-${media.id}"/>${figcaption}</figure>\n<!-- /wp:image -->`
}

/** Text marked with the story's language (see WordPressLayout.language). */
function inLanguage(html: string, ctx: Context): string {
  return ctx.lang && html ? `<span lang="${escapeHtml(ctx.lang)}">${html}</span>` : html
}

/** Languages written right to left (their primary subtag), for core/paragraph's direction. */
const RTL = ['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']

function isRightToLeft(lang: string): boolean {
  const [primary, script] = lang.toLowerCase().split('-')
  if (script === 'arab' || script === 'hebr') return true
  return script !== 'latn' && script !== 'cyrl' && RTL.includes(primary ?? '')
}

/**
 * A core/list whose items keep every paragraph (a core/list-item holds inline text, so paragraphs
 * are separated by a line break) and carry nested lists as inner core/list blocks.
 */
function listBlock(block: Extract<Block, { type: 'list' }>, ctx: Context): string {
  const items = block.items.map((item) => {
    const text = item
      .filter((b) => b.type !== 'list')
      .map((b) => inlineHtml(inlinesOf(b), ctx.rel))
      .filter(Boolean)
      .join('<br>')
    const nested = item
      .filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list')
      .map((b) => listBlock(b, ctx))
    return `${inLanguage(text, ctx)}${nested.join('')}`
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

/** A core/paragraph; `rtl` sets its direction attribute, saved as dir="rtl" on the <p>. */
function paragraph(html: string, className = '', rtl = false): string {
  const attrs = [
    className ? `"className":"${className}"` : '',
    rtl ? '"direction":"rtl"' : '',
  ].filter(Boolean)
  const comment = attrs.length > 0 ? ` {${attrs.join(',')}}` : ''
  const open = `<p${className ? ` class="${className}"` : ''}${rtl ? ' dir="rtl"' : ''}>`
  return `<!-- wp:paragraph${comment} -->\n${open}${html}</p>\n<!-- /wp:paragraph -->`
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
