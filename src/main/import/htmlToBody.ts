import createDOMPurify, { type DOMPurify } from 'dompurify'
import { DOMParser as PmDOMParser } from '@tiptap/pm/model'
import { JSDOM } from 'jsdom'
import type { BodyDoc, DocNode } from '../../shared/domain/DocNode'
import { bodySchema } from '../../shared/editor-schema/validateBody'
import { cleanHtml } from '../../shared/import/cleanHtml'

let dom: { window: JSDOM['window']; purify: DOMPurify } | undefined

/**
 * HTML from outside (an HTML file, a ninjs body_html) as an article body, in main where there is no
 * browser. jsdom is DOMPurify's supported server DOM; it runs no scripts unless asked to.
 */
export function htmlToBody(html: string): BodyDoc {
  if (!dom) {
    const { window } = new JSDOM('')
    dom = { window, purify: createDOMPurify(window) }
  }
  const container = dom.window.document.createElement('div')
  container.innerHTML = cleanHtml(html, dom.purify)
  const json: { content?: DocNode[] } = PmDOMParser.fromSchema(bodySchema())
    .parse(container)
    .toJSON()
  return {
    type: 'doc',
    content: json.content && json.content.length > 0 ? json.content : [{ type: 'paragraph' }],
  }
}
