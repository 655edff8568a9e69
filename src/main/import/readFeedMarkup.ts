import { normalizeLink } from '../../shared/editor-schema/normalizeLink'
import { normalizeText } from '../../shared/import/normalizeText'
import { readCaption } from '../../shared/import/readCaption'
import { clean, imageRef, type FeedMarkup as Found } from './FeedMarkup'
import { readFigure } from './readFigure'
import { isLabelRow, separateLabels } from './separateLabels'

const SILENT = new Set(['HEAD', 'TITLE', 'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'])
const EMBEDS = new Set(['IFRAME', 'OBJECT', 'EMBED'])
const BLOCKS =
  'p, div, ul, ol, li, table, h1, h2, h3, h4, h5, h6, blockquote, figure, section, article'
/** A caption block holds a caption, not a story: short, and no paragraphs or lists inside. */
const CAPTION_BLOCK_MAX = 400
const CAPTION_CLASS = /caption|bildtext/i

/**
 * Takes out of raw feed HTML, in place and in one walk, what must not become body paragraphs:
 * Copydesk's own marks (key points, dateline), photo figures and "Photo: …" lines beside them
 * (kept aside with their image), the headline repeated as the first heading, feed furniture (TT's
 * section label and source). Quote figures become pull quotes, other figures (a table, an
 * embedded post) stay in the body, tables become one paragraph per row, labels that sat side by
 * side get a space ("Försvar" + "TT" never reads "FörsvarTT"), and links that are not absolute
 * are unlinked. Every removal of text is said in `notes` or kept in `unplaced`.
 */
export function readFeedMarkup(root: HTMLElement, headline: string): Found {
  const found: Found = { keyPoints: null, dateline: null, unplaced: [], agency: '', notes: [] }
  const parts = collect(root)
  for (const element of parts.silent) element.remove()
  for (const element of parts.embeds) {
    const src = element.getAttribute('src') ?? element.getAttribute('data') ?? ''
    found.notes.push(
      `Left out an embedded ${element.tagName.toLowerCase()}${src ? ` (${src.slice(0, 120)})` : ''}.`,
    )
    element.remove()
  }
  if (parts.keyPoints) readKeyPoints(parts.keyPoints, found)
  if (parts.dateline) readDatelineMark(parts.dateline, found)
  for (const p of parts.paragraphs) readPhotoLine(p, found)
  for (const figure of parts.figures) if (root.contains(figure)) readFigure(figure, found)
  for (const img of parts.images) if (root.contains(img)) readImage(img, found)
  for (const block of parts.captions) if (root.contains(block)) readCaptionBlock(block, found)
  for (const dat of parts.furniture) readFurniture(dat, found)
  for (const table of parts.tables) if (root.contains(table)) flattenTable(table, found)
  unlinkRelative(parts.links, found)
  dropRepeatedHeadline(root, headline, found)
  for (const row of parts.labelRows) separateLabels(row)
  return found
}

type Parts = {
  silent: Element[]
  embeds: Element[]
  keyPoints: Element | null
  dateline: Element | null
  paragraphs: Element[]
  figures: Element[]
  images: Element[]
  captions: Element[]
  furniture: Element[]
  tables: Element[]
  links: Element[]
  labelRows: Element[]
}

/** One pass over the elements, sorting out the ones each step needs. */
function collect(root: HTMLElement): Parts {
  const parts: Parts = {
    silent: [],
    embeds: [],
    keyPoints: null,
    dateline: null,
    paragraphs: [],
    figures: [],
    images: [],
    captions: [],
    furniture: [],
    tables: [],
    links: [],
    labelRows: [],
  }
  for (const element of root.querySelectorAll('*')) {
    const tag = element.tagName
    const className = element.getAttribute('class') ?? ''
    const mark = element.getAttribute('data-copydesk') ?? ''
    if (SILENT.has(tag)) parts.silent.push(element)
    else if (EMBEDS.has(tag)) parts.embeds.push(element)
    else if (mark === 'key-points' || (tag === 'ASIDE' && /\bkey-points\b/.test(className)))
      parts.keyPoints ??= element
    else if (mark === 'dateline' || (tag === 'SPAN' && /\bdateline\b/.test(className)))
      parts.dateline ??= element
    else if (tag === 'FIGURE' || /\bwp-block-pullquote\b/.test(className))
      parts.figures.push(element)
    else if (tag === 'IMG') parts.images.push(element)
    else if (tag === 'TABLE') parts.tables.push(element)
    else if (/\bdat\b/.test(className)) parts.furniture.push(element)
    else if (tag === 'A' && element.hasAttribute('href')) parts.links.push(element)
    else if (tag === 'P') parts.paragraphs.push(element)
    if (className && tag !== 'FIGURE' && CAPTION_CLASS.test(className)) parts.captions.push(element)
    if (element.childElementCount > 1 && isLabelRow(element)) parts.labelRows.push(element)
  }
  return parts
}

function readKeyPoints(aside: Element, found: Found): void {
  const items = [...aside.querySelectorAll('li')].map((li) => clean(li.textContent)).filter(Boolean)
  const heading = aside.querySelector('h1, h2, h3, h4, h5, h6')
  // Copydesk marks a heading it wrote only because the title was empty.
  const title = heading?.hasAttribute('data-default') ? '' : clean(heading?.textContent)
  found.keyPoints = { title: heading ? title : 'Key Points', items: items.slice(0, 20) }
  aside.remove()
}

function readDatelineMark(mark: Element, found: Found): void {
  const date = mark.getAttribute('data-date')
  found.dateline = {
    text: clean(mark.textContent),
    place: mark.getAttribute('data-place'),
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
  }
  const next = mark.nextSibling
  if (next?.nodeType === 3)
    next.textContent = (next.textContent ?? '').replace(/^\s*[:–—-]?\s*/, '')
  mark.remove()
}

/** "Photo: …" is a caption only beside a picture; a paragraph of the story that starts so stays. */
function readPhotoLine(p: Element, found: Found): void {
  const text = clean(p.textContent)
  if (text.length > CAPTION_BLOCK_MAX) return
  const caption = readCaption(text)
  if (!caption || !besidePicture(p)) return
  found.unplaced.push(caption)
  p.remove()
}

function besidePicture(element: Element): boolean {
  const pictured = (el: Element | null) =>
    el !== null && (/^(?:FIGURE|IMG|PICTURE)$/.test(el.tagName) || el.querySelector('img') !== null)
  return (
    pictured(element.previousElementSibling) ||
    pictured(element.nextElementSibling) ||
    element.querySelector('img') !== null
  )
}

function readImage(img: Element, found: Found): void {
  found.unplaced.push({
    kind: 'caption',
    text: clean(img.getAttribute('alt')) || '(image without a caption)',
    image: imageRef(img),
  })
  img.remove()
}

/** A block a feed classed as a caption, when it is one: short, with no paragraphs or lists in it. */
function readCaptionBlock(block: Element, found: Found): void {
  const text = clean(block.textContent)
  if (text.length > CAPTION_BLOCK_MAX || block.querySelector(BLOCKS) !== null) return
  if (text) found.unplaced.push({ kind: 'caption', text })
  block.remove()
}

/** TT's `<div class="dat"><span class="vignette">Försvar</span><span class="source">TT</span></div>`. */
function readFurniture(dat: Element, found: Found): void {
  const source = clean(dat.querySelector('.source')?.textContent)
  const vignette = clean(dat.querySelector('.vignette')?.textContent)
  if (source) found.agency ||= source
  if (vignette) found.notes.push(`The section label “${vignette}” was left out of the body.`)
  dat.remove()
}

/** The editor has no tables: one paragraph per row, cells apart, so "Votes" and "52" never glue. */
function flattenTable(table: Element, found: Found): void {
  const doc = table.ownerDocument
  const rows = [...table.querySelectorAll('tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((cell) => clean(cell.textContent)).filter(Boolean),
  )
  const caption = clean(table.querySelector('caption')?.textContent)
  const paragraphs = [caption, ...rows.map((cells) => cells.join(' | '))]
    .filter(Boolean)
    .map((text) => {
      const p = doc.createElement('p')
      p.textContent = text
      return p
    })
  table.replaceWith(...paragraphs)
  found.notes.push(
    `A table of ${rows.length} rows was kept as one paragraph per row (cells apart with “|”).`,
  )
}

/** Links a reader could not follow from another site (relative, or to a fragment) keep their text only. */
function unlinkRelative(links: Element[], found: Found): void {
  let count = 0
  for (const link of links) {
    // In feed HTML a bare `www.x.com` is relative to the feed's page, so only a full address stays.
    const href = link.getAttribute('href') ?? ''
    const normal = /^\s*(?:https?|mailto):/i.test(href) ? normalizeLink(href) : null
    if (normal !== null) {
      link.setAttribute('href', normal)
      continue
    }
    link.replaceWith(...link.childNodes)
    count += 1
  }
  if (count > 0)
    found.notes.push(
      `${count === 1 ? 'A link was' : `${count} links were`} not a full web address (relative, or to a part of the page); the text stays, without the link.`,
    )
}

function dropRepeatedHeadline(root: HTMLElement, headline: string, found: Found): void {
  const wanted = normalizeText(headline)
  if (!wanted) return
  const heading = root.querySelector('h1, h2, h3, h4, h5, h6')
  if (heading && normalizeText(heading.textContent ?? '') === wanted) {
    heading.remove()
    found.notes.push('The headline repeated at the top of the body was left out.')
  }
}
