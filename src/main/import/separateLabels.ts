/**
 * A row of labels: a block whose only content is spans, with no text of its own between them
 * (TT's `<div class="dat"><span>Försvar</span><span>TT</span></div>`, unclassed or not).
 */
export function isLabelRow(element: Element): boolean {
  if (!/^(?:DIV|P|LI|TD|TH|HEADER|FOOTER)$/.test(element.tagName)) return false
  for (const child of element.childNodes) {
    if (child.nodeType === 3 && (child.textContent ?? '').trim()) return false
    if (child.nodeType === 1 && child.nodeName !== 'SPAN') return false
  }
  return true
}

/**
 * Spans of a label row get a space between them where one ends in a small letter or digit and
 * the next starts with a capital ("Försvar|TT") or they are classed apart; "Wash|ington" stays.
 */
export function separateLabels(row: Element): void {
  const spans = [...row.children]
  for (const [i, span] of spans.entries()) {
    const next = spans[i + 1]
    if (!next || span.nextSibling !== next) continue
    const before = span.textContent ?? ''
    const after = next.textContent ?? ''
    const classedApart =
      span.hasAttribute('class') &&
      next.hasAttribute('class') &&
      span.getAttribute('class') !== next.getAttribute('class')
    const capitalAfterSmall = /[\p{Ll}\p{N}]$/u.test(before) && /^\p{Lu}/u.test(after)
    if (
      /[\p{L}\p{N}]$/u.test(before) &&
      /^[\p{L}\p{N}]/u.test(after) &&
      (classedApart || capitalAfterSmall)
    )
      span.after(span.ownerDocument.createTextNode(' '))
  }
}
