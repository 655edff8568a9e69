import type { DOMPurify } from 'dompurify'

/**
 * What pasted or imported HTML may keep: headings, paragraphs, lists, quotes, pull quotes, bold,
 * italic and links. Everything else is unwrapped (its text stays) or, for scripts, styles and
 * embedded objects, dropped whole.
 */
const ALLOWED_TAGS = [
  'p',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'figure',
  'figcaption',
  'span',
  'div',
  'aside',
]
/** Copydesk's own marks in its exports, kept so a re-import finds the key points, dateline and pull quotes. */
const COPYDESK_CLASSES = new Set(['key-points', 'dateline', 'pull-quote'])
const SAFE_URL = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i

/**
 * Sanitizes HTML from outside (a paste from Word or Google Docs, an HTML or ninjs import) with
 * DOMPurify, then turns formatting carried in styles into tags and maps heading levels to the
 * desk's. Returns HTML the editor schema parses; no script, handler or unsafe URL survives.
 */
export function cleanHtml(html: string, purify: DOMPurify): string {
  const fragment = purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'style', 'id', 'data-type', 'class', 'data-copydesk'],
    ALLOWED_URI_REGEXP: SAFE_URL,
    RETURN_DOM_FRAGMENT: true,
  })
  normalize(fragment)
  const container = fragment.ownerDocument.createElement('div')
  container.appendChild(fragment)
  // A second pass: the normalizing above must not be able to reintroduce anything unsafe.
  return purify.sanitize(container.innerHTML, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'data-type', 'class', 'data-copydesk'],
    ALLOWED_URI_REGEXP: SAFE_URL,
  })
}

/** Only Copydesk's own class names and marks survive; a feed's or Word's classes do not. */
function keepCopydeskMarks(element: Element): void {
  const kept = (element.getAttribute('class') ?? '')
    .split(/\s+/)
    .filter((name) => COPYDESK_CLASSES.has(name))
  if (kept.length > 0) element.setAttribute('class', kept.join(' '))
  else element.removeAttribute('class')
  if (!COPYDESK_CLASSES.has(element.getAttribute('data-copydesk') ?? ''))
    element.removeAttribute('data-copydesk')
}

function normalize(root: DocumentFragment): void {
  const doc = root.ownerDocument
  for (const element of [...root.querySelectorAll('*')]) {
    const style = element.getAttribute('style') ?? ''
    // Google Docs wraps a whole paste in <b style="font-weight:normal" id="docs-internal-guid-…">.
    if (element.tagName === 'B' && /font-weight\s*:\s*(normal|400)/i.test(style)) {
      unwrap(element)
      continue
    }
    if (/font-weight\s*:\s*(bold|[6-9]00)/i.test(style) && element.tagName === 'SPAN')
      wrapChildren(element, doc.createElement('strong'))
    if (/font-style\s*:\s*italic/i.test(style) && element.tagName === 'SPAN')
      wrapChildren(element, doc.createElement('em'))
    element.removeAttribute('style')
    element.removeAttribute('id')
    keepCopydeskMarks(element)
    const level = /^H([1-6])$/.exec(element.tagName)?.[1]
    if (level) retag(element, `h${Math.min(4, Math.max(2, Number(level)))}`)
  }
}

function unwrap(element: Element): void {
  element.replaceWith(...element.childNodes)
}

function wrapChildren(element: Element, wrapper: Element): void {
  wrapper.append(...element.childNodes)
  element.append(wrapper)
}

function retag(element: Element, tag: string): void {
  if (element.tagName.toLowerCase() === tag) return
  const replacement = element.ownerDocument.createElement(tag)
  replacement.append(...element.childNodes)
  element.replaceWith(replacement)
}
