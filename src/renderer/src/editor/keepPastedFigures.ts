import { MediaId } from '../../../shared/media/MediaId'

const DATA_ATTRIBUTES = ['data-credit', 'data-creator', 'data-copyright', 'data-alt'] as const

/**
 * Cleans pasted HTML with `clean` (which keeps no media ids) without losing Copydesk's own figures:
 * each `figure[data-type="picture"]` naming a valid media id is set aside before cleaning and put
 * back after it, rebuilt from its attributes alone (so a figure cut and pasted in the body, or
 * copied from another story, stays a picture). Anything else in it goes through `clean` as before.
 */
export function keepPastedFigures(html: string, clean: (html: string) => string): string {
  if (!/data-type\s*=\s*["']?picture/i.test(html)) return clean(html)
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const marker = `copydesk-figure-${crypto.randomUUID()}-`
  const kept: string[] = []
  for (const figure of doc.querySelectorAll('figure[data-type="picture"]')) {
    if (!MediaId.safeParse(figure.getAttribute('data-media-id')).success) continue
    const placeholder = doc.createElement('p')
    placeholder.textContent = `${marker}${kept.length}`
    kept.push(rebuilt(doc, figure))
    figure.replaceWith(placeholder)
  }
  const cleaned = clean(doc.body.innerHTML)
  // The cleaning may unwrap a lone paragraph: the marker is found with or without its <p>.
  return cleaned.replace(
    new RegExp(`(?:<p>)?${marker}(\\d+)(?:</p>)?`, 'g'),
    (_whole, index: string) => kept[Number(index)] ?? '',
  )
}

/** The figure made again from its media id, its data attributes and its caption's text only. */
function rebuilt(doc: Document, figure: Element): string {
  const fresh = doc.createElement('figure')
  fresh.setAttribute('data-type', 'picture')
  fresh.setAttribute('data-media-id', figure.getAttribute('data-media-id') ?? '')
  for (const name of DATA_ATTRIBUTES) fresh.setAttribute(name, figure.getAttribute(name) ?? '')
  const caption = doc.createElement('figcaption')
  caption.textContent = figure.querySelector('figcaption')?.textContent ?? ''
  fresh.append(caption)
  return fresh.outerHTML
}
