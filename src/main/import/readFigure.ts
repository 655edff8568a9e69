import { clean, imageRef, type FeedMarkup } from './FeedMarkup'

const PULL_QUOTE =
  '[data-copydesk="pull-quote"], .pull-quote, [data-type="pull-quote"], .wp-block-pullquote'
/** Quotes that are embedded posts (a tweet, an Instagram post), not a quote the desk pulled out. */
const EMBEDDED_POST =
  '.twitter-tweet, .instagram-media, .tiktok-embed, .wp-embedded-content, .bluesky-embed'
const PICTURE = 'img, picture, video, svg'

/**
 * One `<figure>` as what it holds: a photo is kept aside with its caption, image and credit; a
 * quote with a caption is a pull quote with its attribution (Copydesk's, WordPress's, or plain
 * HTML5 `<figure><blockquote>…</blockquote><figcaption>— Who</figcaption></figure>`); anything
 * else (an embedded post, a table, a code sample) stays in the body, its caption as a paragraph.
 */
export function readFigure(figure: Element, found: FeedMarkup): void {
  const quote = figure.querySelector('blockquote')
  const embedded = figure.matches('.wp-block-embed') || figure.querySelector(EMBEDDED_POST) !== null
  if (quote && !embedded && (figure.matches(PULL_QUOTE) || !figure.querySelector(PICTURE)))
    return toPullQuote(figure, quote)
  if (figure.querySelector(PICTURE)) return toPhotoCaption(figure, found)
  const doc = figure.ownerDocument
  for (const caption of [...figure.querySelectorAll('figcaption')]) {
    const p = doc.createElement('p')
    p.append(...caption.childNodes)
    caption.replaceWith(p)
  }
  if (embedded)
    found.notes.push(
      'An embedded post was kept in the body as a quote; check it reads well in print.',
    )
  figure.replaceWith(...figure.childNodes)
}

/** The pull quote in the schema's shape: the quote's paragraphs as one text, and its attribution. */
function toPullQuote(figure: Element, quote: Element): void {
  const doc = figure.ownerDocument
  const cite = figure.querySelector('figcaption') ?? quote.querySelector('cite, footer')
  const attribution = clean(cite?.textContent).replace(/^[-–—―]+\s*/, '')
  cite?.remove()
  const paragraphs = [...quote.querySelectorAll('p')]
  const inner =
    paragraphs.length > 0 ? paragraphs.map((p) => p.innerHTML).join(' ') : quote.innerHTML
  const replacement = doc.createElement('figure')
  replacement.setAttribute('data-type', 'pull-quote')
  const text = doc.createElement('blockquote')
  text.innerHTML = inner
  const caption = doc.createElement('figcaption')
  caption.textContent = attribution
  replacement.append(text, caption)
  figure.replaceWith(replacement)
}

function toPhotoCaption(figure: Element, found: FeedMarkup): void {
  const img = figure.querySelector('img, picture img, video')
  const credit = clean(
    figure.querySelector('.byline, .credit, [class*="credit"], figcaption cite')?.textContent,
  )
  figure.querySelector('figcaption cite')?.remove()
  const text =
    clean(figure.querySelector('figcaption')?.textContent) || clean(img?.getAttribute('alt'))
  found.unplaced.push({
    kind: 'caption',
    text: text || '(image without a caption)',
    image: imageRef(img),
    credit: credit || undefined,
  })
  figure.remove()
}
