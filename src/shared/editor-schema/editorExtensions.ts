import type { AnyExtension } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { pullQuoteExtensions } from './pull-quote/pullQuote'

/** Link protocols an article may carry; everything else is stripped by the schema and the sanitizer. */
export const ALLOWED_LINK_PROTOCOLS = ['http', 'https', 'mailto']

/** Heading levels in a body: the headline is the page's only first-level heading. */
export const HEADING_LEVELS = [2, 3, 4] as const

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
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ALLOWED_LINK_PROTOCOLS,
        isAllowedUri: (url, ctx) => isAllowedLink(url) && ctx.defaultValidate(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
    }),
    ...pullQuoteExtensions,
  ]
}

/** True for http(s) and mailto links, and relative ones; false for javascript:, data: and the rest. */
export function isAllowedLink(url: string): boolean {
  const trimmed = url.trim().replace(/[\p{Cc}\s]+/gu, '')
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)
  if (!scheme?.[1]) return true
  return ALLOWED_LINK_PROTOCOLS.includes(scheme[1].toLowerCase())
}
