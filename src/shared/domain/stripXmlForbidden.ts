/**
 * Characters XML 1.0 forbids (C0 controls other than tab, newline and carriage return; U+FFFE and
 * U+FFFF; surrogates without their pair). A wire feed or a paste can carry them; an XML parser
 * (ninjs consumers reading the XHTML body) refuses the whole document over one.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const HAS_FORBIDDEN = new RegExp(FORBIDDEN.source)

/** `text` without the characters XML 1.0 forbids. */
export function stripXmlForbidden(text: string): string {
  return HAS_FORBIDDEN.test(text) ? text.replace(FORBIDDEN, '') : text
}

/**
 * Every string in a JSON-like value, object keys included, without XML-forbidden characters. The
 * copy has the value's shape by construction (strings become strings, nothing else changes), so
 * it keeps the value's type: the one cast, here, instead of a schema per caller.
 */
export function stripXmlForbiddenDeep<T>(value: T): T {
  return deep(value) as T
}

/** Copies only what changes: exports run this over every article, nearly always clean. */
function deep(value: unknown): unknown {
  if (typeof value === 'string') return stripXmlForbidden(value)
  if (Array.isArray(value)) {
    let changed = false
    const out = value.map((item: unknown) => {
      const next = deep(item)
      if (next !== item) changed = true
      return next
    })
    return changed ? out : value
  }
  if (value && typeof value === 'object') {
    let changed = false
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const cleanKey = stripXmlForbidden(key)
      const next = deep(item)
      if (next !== item || cleanKey !== key) changed = true
      out[cleanKey] = next
    }
    return changed ? out : value
  }
  return value
}
