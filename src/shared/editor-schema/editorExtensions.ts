import type { AnyExtension } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { test as looksLikeWebAddress } from 'linkifyjs'
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
        isAllowedUri: (url, ctx) => isAllowedLinkInEditor(url) && ctx.defaultValidate(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
    }),
    ...pullQuoteExtensions,
  ]
}

/**
 * True for absolute http(s) links with a host, and mailto links; false for everything else: relative
 * links (`/news`, `story.html`, `#top`), protocol-relative `//host`, Windows and UNC paths
 * (`\\host\share`, `C:\`), `file:`, `javascript:`, `data:`. A published story's links must work
 * wherever it is read, and must never point into someone's network or disk.
 */
export function isAllowedLink(url: string): boolean {
  const trimmed = url.trim().replace(/[\p{Cc}\s]+/gu, '')
  // Browsers read a backslash as a slash in web addresses: `https:\\host` is `https://host`.
  if (trimmed.includes('\\')) return false
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase()
  if (!scheme || !ALLOWED_LINK_PROTOCOLS.includes(scheme)) return false
  const rest = trimmed.slice(scheme.length + 1)
  if (scheme === 'mailto') return rest.length > 0
  return /^\/\/[^/?#@:]/.test(rest)
}

/**
 * The editor's gate for links: isAllowedLink, plus a bare address that autolinking or a plain-text
 * paste found (`www.example.org`, `desk@example.org`), which the link extension stores with a scheme.
 */
function isAllowedLinkInEditor(url: string): boolean {
  if (isAllowedLink(url)) return true
  return !/^[a-z][a-z0-9+.-]*:/i.test(url.trim()) && looksLikeWebAddress(url.trim())
}
