/**
 * Characters XML 1.0 forbids (C0 controls other than tab, newline and carriage return; U+FFFE and
 * U+FFFF; surrogates without their pair). A wire feed or a paste can carry them; an XML parser
 * (ninjs consumers reading the XHTML body) refuses the whole document over one.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** `text` without the characters XML 1.0 forbids. */
export function stripXmlForbidden(text: string): string {
  return text.replace(FORBIDDEN, '')
}

/** Every string in a JSON-like value, object keys included, without XML-forbidden characters. */
export function stripXmlForbiddenDeep<T>(value: T): T {
  return deep(value) as T
}

function deep(value: unknown): unknown {
  if (typeof value === 'string') return stripXmlForbidden(value)
  if (Array.isArray(value)) return value.map(deep)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[stripXmlForbidden(key)] = deep(item)
    return out
  }
  return value
}
