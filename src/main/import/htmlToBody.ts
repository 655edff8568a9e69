import createDOMPurify, { type DOMPurify } from 'dompurify'
import { DOMParser as PmDOMParser } from '@tiptap/pm/model'
import { JSDOM } from 'jsdom'
import type { DocNode } from '../../shared/domain/DocNode'
import { bodySchema } from '../../shared/editor-schema/validateBody'
import { cleanHtml } from '../../shared/import/cleanHtml'
import type { HtmlBody } from '../../shared/import/HtmlBody'
import { readCaption } from '../../shared/import/readCaption'
import { readFeedMarkup } from './readFeedMarkup'

let dom: { window: JSDOM['window']; purify: DOMPurify } | undefined

/**
 * HTML from outside (an HTML file, a ninjs body) as an article body, in main where there is no
 * browser. jsdom is DOMPurify's supported server DOM; it runs no scripts and loads nothing unless
 * asked to, so the feed's markup can be read (Copydesk's own marks, captions, a repeated headline)
 * before it is sanitized and parsed with the editor schema.
 */
export function htmlToBody(html: string, options: { headline?: string } = {}): HtmlBody {
  if (!dom) {
    const { window } = new JSDOM('')
    dom = { window, purify: createDOMPurify(window) }
  }
  const raw = dom.window.document.createElement('div')
  raw.innerHTML = html
  const found = readFeedMarkup(raw, options.headline ?? '')
  const container = dom.window.document.createElement('div')
  container.innerHTML = cleanHtml(raw.innerHTML, dom.purify)
  const unplaced = [...found.unplaced]
  for (const p of [...container.querySelectorAll('p')]) {
    const caption = readCaption(p.textContent ?? '')
    if (caption) {
      unplaced.push(caption)
      p.remove()
    }
  }
  const json: { content?: DocNode[] } = PmDOMParser.fromSchema(bodySchema())
    .parse(container)
    .toJSON()
  return {
    body: {
      type: 'doc',
      content: json.content && json.content.length > 0 ? json.content : [{ type: 'paragraph' }],
    },
    keyPoints: found.keyPoints,
    dateline: found.dateline,
    unplaced,
    agency: found.agency,
    notes: found.notes,
  }
}
