const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  bdquo: '„',
  shy: '',
}
const BLOCK_END =
  /<\/(?:p|div|li|h[1-6]|blockquote|figure|figcaption|section|article|tr|table|ul|ol|pre)\s*>|<br\s*\/?>|<(?:p|div|li|h[1-6]|tr)\b[^>]*>/gi

/**
 * HTML as plain text paragraphs, without a DOM: tags stripped, entities decoded, one paragraph
 * per block. For short HTML fields (a description) and for markup too deeply nested to parse.
 */
export function htmlToText(html: string): string[] {
  return html
    .replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .split(BLOCK_END)
    .map((part) =>
      decodeEntities(part.replace(/<[^>]*>/g, ''))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
}

/** HTML character references as the characters they stand for; unknown names are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : whole
    }
    return NAMED[ref.toLowerCase()] ?? whole
  })
}

/**
 * How deeply the elements of `html` nest, counted from its tags without parsing it (an open tag
 * closes a same-named one left open, as `<p>` and `<li>` do), so markup nested thousands deep is
 * measured before a parser recurses into it.
 */
export function htmlDepth(html: string): number {
  const stack: string[] = []
  let deepest = 0
  for (const match of html.matchAll(/<(\/?)([a-z][a-z0-9:-]*)\b[^>]*?(\/?)>/gi)) {
    const name = (match[2] ?? '').toLowerCase()
    if (VOID.has(name) || match[3]) continue
    if (match[1]) {
      const at = stack.lastIndexOf(name)
      if (at >= 0) stack.length = at
    } else {
      if (SELF_CLOSING_SIBLINGS.has(name) && stack.at(-1) === name) stack.pop()
      stack.push(name)
      deepest = Math.max(deepest, stack.length)
    }
  }
  return deepest
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
])
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option'])
