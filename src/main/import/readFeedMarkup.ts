import type { KeyPoints } from '../../shared/domain/Article'
import type { Unplaced } from '../../shared/import/ImportProposal'

type Found = {
  keyPoints: KeyPoints | null
  dateline: string | null
  unplaced: Unplaced[]
  agency: string
  notes: string[]
}

const DROPPED = 'head, title, script, style, template, noscript, iframe, object, embed'

/**
 * Takes out of raw feed HTML, in place, what must not become body paragraphs: Copydesk's own
 * marks (key points, dateline), photo figures with their captions, the headline repeated as the
 * first heading, and feed furniture (TT's section label and source). Pull quotes are rewritten to
 * the one shape the editor schema reads, and labelled spans that sat side by side get a space so
 * "Försvar" + "TT" never reads "FörsvarTT".
 */
export function readFeedMarkup(root: HTMLElement, headline: string): Found {
  const found: Found = { keyPoints: null, dateline: null, unplaced: [], agency: '', notes: [] }
  for (const element of [...root.querySelectorAll(DROPPED)]) element.remove()
  readKeyPoints(root, found)
  readDatelineMark(root, found)
  for (const figure of [...root.querySelectorAll('figure, .wp-block-pullquote')]) readFigure(figure)
  readCaptions(root, found)
  readFurniture(root, found)
  dropRepeatedHeadline(root, headline, found)
  separateLabelledSpans(root)
  return found
}

function readKeyPoints(root: HTMLElement, found: Found): void {
  const aside = root.querySelector('[data-copydesk="key-points"], aside.key-points')
  if (!aside) return
  const items = [...aside.querySelectorAll('li')].map((li) => clean(li.textContent)).filter(Boolean)
  const title = clean(aside.querySelector('h1, h2, h3, h4, h5, h6')?.textContent)
  found.keyPoints = { title: title || 'Key Points', items: items.slice(0, 20) }
  aside.remove()
}

function readDatelineMark(root: HTMLElement, found: Found): void {
  const mark = root.querySelector('[data-copydesk="dateline"], span.dateline')
  if (!mark) return
  found.dateline = clean(mark.textContent)
  const next = mark.nextSibling
  if (next?.nodeType === 3)
    next.textContent = (next.textContent ?? '').replace(/^\s*[:–—-]?\s*/, '')
  mark.remove()
}

/** A pull quote (Copydesk's, WordPress's) in the schema's shape: the quote's paragraphs as one text. */
function readFigure(figure: Element): void {
  const pull =
    figure.matches(
      '[data-copydesk="pull-quote"], .pull-quote, [data-type="pull-quote"], .wp-block-pullquote',
    ) && figure.querySelector('blockquote')
  if (!pull) return
  const doc = figure.ownerDocument
  const quote = figure.querySelector('blockquote')
  const cite = figure.querySelector('figcaption') ?? quote?.querySelector('cite, footer')
  const attribution = clean(cite?.textContent)
  cite?.remove()
  const paragraphs = quote ? [...quote.querySelectorAll('p')] : []
  const inner =
    paragraphs.length > 0 ? paragraphs.map((p) => p.innerHTML).join(' ') : (quote?.innerHTML ?? '')
  const replacement = doc.createElement('figure')
  replacement.setAttribute('data-type', 'pull-quote')
  const text = doc.createElement('blockquote')
  text.innerHTML = inner
  const caption = doc.createElement('figcaption')
  caption.textContent = attribution
  replacement.append(text, caption)
  figure.replaceWith(replacement)
}

/** Photo figures, bare images and caption blocks, kept aside with the image they belong to. */
function readCaptions(root: HTMLElement, found: Found): void {
  for (const figure of [...root.querySelectorAll('figure:not([data-type="pull-quote"])')]) {
    const img = figure.querySelector('img, picture img, video')
    const credit = clean(
      figure.querySelector('.byline, .credit, [class*="credit"], figcaption cite')?.textContent,
    )
    figure.querySelector('figcaption cite')?.remove()
    const text =
      clean(figure.querySelector('figcaption')?.textContent) || clean(img?.getAttribute('alt'))
    if (text || img)
      found.unplaced.push({
        kind: 'caption',
        text: text || '(image without a caption)',
        image: imageRef(img),
        credit: credit || undefined,
      })
    figure.remove()
  }
  for (const img of [...root.querySelectorAll('img')]) {
    const alt = clean(img.getAttribute('alt'))
    found.unplaced.push({
      kind: 'caption',
      text: alt || '(image without a caption)',
      image: imageRef(img),
    })
    img.remove()
  }
  for (const block of [
    ...root.querySelectorAll('.caption, .bildtext, .photo-caption, [class*="caption"]'),
  ]) {
    const text = clean(block.textContent)
    if (text) found.unplaced.push({ kind: 'caption', text })
    block.remove()
  }
}

function imageRef(img: Element | null | undefined): string | undefined {
  if (!img) return undefined
  const ref =
    img.getAttribute('data-uri') ??
    img.getAttribute('uri') ??
    img.getAttribute('src') ??
    img.getAttribute('data-src')
  return ref && /^(?:https?|urn|tag):/i.test(ref.trim()) ? ref.trim().slice(0, 1000) : undefined
}

/** TT's `<div class="dat"><span class="vignette">Försvar</span><span class="source">TT</span></div>`. */
function readFurniture(root: HTMLElement, found: Found): void {
  for (const dat of [...root.querySelectorAll('.dat')]) {
    const source = clean(dat.querySelector('.source')?.textContent)
    const vignette = clean(dat.querySelector('.vignette')?.textContent)
    if (source) found.agency ||= source
    if (vignette) found.notes.push(`The section label “${vignette}” was left out of the body.`)
    dat.remove()
  }
}

function dropRepeatedHeadline(root: HTMLElement, headline: string, found: Found): void {
  const wanted = normalize(headline)
  if (!wanted) return
  const heading = root.querySelector('h1, h2, h3, h4, h5, h6')
  if (heading && normalize(heading.textContent ?? '') === wanted) {
    heading.remove()
    found.notes.push('The headline repeated at the top of the body was left out.')
  }
}

/** Adjacent labelled spans (feed fields) with nothing between them: a space, so words do not glue. */
function separateLabelledSpans(root: HTMLElement): void {
  for (const span of [...root.querySelectorAll('span[class]')]) {
    const next = span.nextElementSibling
    if (
      next &&
      span.nextSibling === next &&
      next.matches('span[class]') &&
      next.getAttribute('class') !== span.getAttribute('class') &&
      /[\p{L}\p{N}]$/u.test(span.textContent ?? '') &&
      /^[\p{L}\p{N}]/u.test(next.textContent ?? '')
    )
      span.after(span.ownerDocument.createTextNode(' '))
  }
}

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim()
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
