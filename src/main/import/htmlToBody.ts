import createDOMPurify, { type DOMPurify } from 'dompurify'
import { DOMParser as PmDOMParser } from '@tiptap/pm/model'
import { createRequire } from 'node:module'
import type { JSDOM } from 'jsdom'
import type { DocNode } from '../../shared/domain/DocNode'
import { bodySchema } from '../../shared/editor-schema/validateBody'
import { cleanHtml } from '../../shared/import/cleanHtml'
import { BODY_LIMITS } from '../../shared/domain/DocNode'
import type { HtmlBody } from '../../shared/import/HtmlBody'
import { htmlDepth, htmlToText } from '../../shared/import/htmlToText'
import { readFeedMarkup } from './readFeedMarkup'

/** Deeper than this the markup is not a story's (lists in quotes go a few levels): read as text. */
const MARKUP_DEPTH_MAX = BODY_LIMITS.depth * 2

let dom: { window: JSDOM['window']; purify: DOMPurify } | undefined

/**
 * jsdom is loaded with the first HTML read, not with the process: importing it cost about 1.2 s of
 * CPU at every start of the app, the browser host and each command-line call, most of which never
 * read HTML. Loaded synchronously, because htmlToBody is (the ninjs parser calls it so).
 */
const requireModule = createRequire(import.meta.url)
function loadJsdom(): typeof import('jsdom') {
  return requireModule('jsdom') as typeof import('jsdom')
}

/**
 * HTML from outside (an HTML file, a ninjs body) as an article body, in main where there is no
 * browser. jsdom is DOMPurify's supported server DOM; it runs no scripts and loads nothing unless
 * asked to, so the feed's markup can be read (Copydesk's own marks, captions, a repeated headline)
 * before it is sanitized and parsed with the editor schema.
 */
export function htmlToBody(html: string, options: { headline?: string } = {}): HtmlBody {
  const depth = htmlDepth(html)
  if (depth > MARKUP_DEPTH_MAX) return asText(html, depth)
  if (!dom) {
    const { JSDOM } = loadJsdom()
    const { window } = new JSDOM('')
    dom = { window, purify: createDOMPurify(window) }
  }
  const raw = dom.window.document.createElement('div')
  raw.innerHTML = html
  const found = readFeedMarkup(raw, options.headline ?? '')
  const container = dom.window.document.createElement('div')
  container.innerHTML = cleanHtml(raw.innerHTML, dom.purify)
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
    unplaced: found.unplaced,
    agency: found.agency,
    notes: found.notes,
  }
}

/** Markup nested past any story's depth, as plain paragraphs: its text is kept, its tags are not. */
function asText(html: string, depth: number): HtmlBody {
  const paragraphs = htmlToText(html).map((text) => ({
    type: 'paragraph',
    content: [{ type: 'text', text }],
  }))
  return {
    body: { type: 'doc', content: paragraphs.length > 0 ? paragraphs : [{ type: 'paragraph' }] },
    keyPoints: null,
    dateline: null,
    unplaced: [],
    agency: '',
    notes: [
      `The HTML is nested ${depth} levels deep (a story nests a few); it was read as plain text, without its formatting.`,
    ],
  }
}
