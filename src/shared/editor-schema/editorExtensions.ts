import type { AnyExtension } from '@tiptap/core'
import { Link } from '@tiptap/extension-link'
import StarterKit from '@tiptap/starter-kit'
import { ALLOWED_LINK_PROTOCOLS, normalizeLink } from './normalizeLink'
import { Figure } from './figure/figure'
import { pullQuoteExtensions } from './pull-quote/pullQuote'

export { ALLOWED_LINK_PROTOCOLS, isAllowedLink } from './normalizeLink'

/** Heading levels in a body: the headline is the page's only first-level heading. */
export const HEADING_LEVELS = [2, 3, 4] as const

/**
 * A link keeps its address normalised (see normalizeLink): a pasted `<a href="www.reuters.com">` is
 * stored as https://www.reuters.com/, never as a link relative to wherever the story is read.
 */
const NormalizedLink = Link.extend({
  addAttributes() {
    const inherited = this.parent?.() ?? {}
    return {
      ...inherited,
      href: {
        default: null,
        parseHTML: (element: HTMLElement) => normalizeLink(element.getAttribute('href') ?? ''),
      },
    }
  },
})

/**
 * The body's extensions, schema only: the renderer adds React views on top, main builds the same
 * schema with getSchema() to check what it stores and exports.
 */
export function editorExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [...HEADING_LEVELS] },
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: false,
    }),
    NormalizedLink.configure({
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      protocols: ALLOWED_LINK_PROTOCOLS,
      // Bare addresses are let in: autolinking and pasting add the scheme, parseHTML normalises.
      isAllowedUri: (url, ctx) => normalizeLink(url) !== null && ctx.defaultValidate(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
    }),
    ...pullQuoteExtensions,
    Figure,
  ]
}
