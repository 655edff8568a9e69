import { test as looksLike } from 'linkifyjs'

/** Link protocols an article may carry; everything else is stripped by the schema and the sanitizer. */
export const ALLOWED_LINK_PROTOCOLS = ['http', 'https', 'mailto']

/**
 * The address a link is kept with, or null when it cannot be one. A full http(s) or mailto address
 * comes back as the URL standard writes it (`HTTPS://WWW.Agency.example/Story` is
 * `https://www.agency.example/Story`, a host in another script is punycode), which the publish
 * schemas accept; a bare web address (`www.reuters.com`, `example.org/path`, `example.org:8080/x`) gets
 * https://, a bare e-mail address mailto:. Null for everything a reader could not follow wherever the
 * story is published: a relative link (`/news/older`, `story.html`, `#top`), `//host`, a Windows or
 * UNC path (`\\host\share`, `C:\`), another scheme (`file:`, `javascript:`, `data:`), and any address
 * with a space, a control character or a backslash inside (browsers read `https:\\host` as
 * `https://host`, and `ht tps://` is not what the editor meant).
 *
 * The one place links are normalised: the editor's link gate, every save, and imports use it.
 */
export function normalizeLink(href: string): string | null {
  const trimmed = href.trim()
  if (trimmed === '' || /[\s\p{Cc}\\]/u.test(trimmed)) return null
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d+(?:[/?#]|$))/i.exec(trimmed)?.[1]?.toLowerCase()
  let candidate: string
  if (scheme === 'http' || scheme === 'https') {
    if (!/^[a-z]+:\/\/[^/?#@:]/i.test(trimmed)) return null
    candidate = trimmed
  } else if (scheme === 'mailto') {
    if (trimmed.length === 'mailto:'.length) return null
    candidate = trimmed
  } else if (scheme !== undefined || trimmed.startsWith('/')) {
    return null
  } else if (looksLike(trimmed, 'email')) {
    candidate = `mailto:${trimmed}`
  } else if (looksLike(trimmed, 'url')) {
    candidate = `https://${trimmed}`
  } else {
    return null
  }
  try {
    return new URL(candidate).href
  } catch {
    return null
  }
}

/**
 * True for a full http(s) or mailto address, as typed or stored (see normalizeLink); false for a bare
 * address, which must be normalised first, and for everything normalizeLink refuses.
 */
export function isAllowedLink(url: string): boolean {
  return /^\s*(?:https?|mailto):/i.test(url) && normalizeLink(url) !== null
}

const PRIVATE_HOST =
  /^(?:localhost|.*\.(?:localhost|local|internal|intranet|lan|home|corp|home\.arpa)|127(?:\.\d+){3}|10(?:\.\d+){3}|192\.168(?:\.\d+){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d+){2}|169\.254(?:\.\d+){2}|0\.0\.0\.0|\[(?:::1?|f[cd][0-9a-f]*:.*|fe80:.*)\])$/i

/**
 * True for a web address that only works inside one computer or network: localhost, a private or
 * link-local IP address, a name without a dot (`http://intranet/`), or a local-only domain
 * (`.local`, `.internal`, `.lan`, `.corp`, `.home.arpa`). Readers of a published story cannot follow it.
 */
export function isLocalAddress(href: string): boolean {
  const normal = normalizeLink(href)
  if (!normal?.startsWith('http')) return false
  const host = new URL(normal).hostname
  return PRIVATE_HOST.test(host) || (!host.includes('.') && !host.startsWith('['))
}
