/** An absolute URI as RFC 3986 (and ninjs `format: uri`) allows it: ASCII, no spaces, no <>"{}|\^`. */
const URI = /^[a-z][a-z0-9+.-]*:[!#$%&'()*+,\-./0-9:;=?@A-Z[\]_a-z~]+$/i

/** True for an absolute URI that needs no further encoding. */
export function isUri(value: string): boolean {
  return URI.test(value)
}

/**
 * An IRI (http://dbpedia.org/resource/Zürich) as the URI that names the same resource
 * (http://dbpedia.org/resource/Z%C3%BCrich), percent-encoded the way browsers do (WHATWG URL).
 * Null for what cannot be made one: no scheme, a space, a character URIs do not allow.
 */
export function asUri(value: string): string | null {
  const text = value.trim()
  if (isUri(text)) return text
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(text)) return null
  try {
    const href = new URL(text).href
    return isUri(href) ? href : null
  } catch {
    return null
  }
}
