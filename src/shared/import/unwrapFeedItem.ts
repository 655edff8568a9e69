import { isJsonObject, stringOf, type JsonObject } from './JsonObject'

/**
 * The news item inside an API's envelope: AP Media API `{data: {item}}`, a list of items
 * (`{items: […]}`, `{data: {items: […]}}`, BBC-style `{item: […]}`, or a bare array). A list
 * gives its first item, with a note saying so. Anything else is returned as it is.
 */
export function unwrapFeedItem(data: unknown): { item: unknown; notes: string[] } {
  let current = data
  const notes: string[] = []
  for (let depth = 0; depth < 4; depth += 1) {
    if (Array.isArray(current)) {
      const items = current.filter(isJsonObject)
      const [first] = items
      if (!first) return { item: current, notes }
      if (items.length > 1)
        notes.push(
          `The file holds ${items.length} items; the first (“${titleOf(first) || 'untitled'}”) was read. Import the others one at a time.`,
        )
      current = first
      continue
    }
    if (!isJsonObject(current) || looksLikeItem(current)) break
    const envelope: JsonObject = current
    const inner = ['item', 'items', 'data']
      .map((key) => envelope[key])
      .find((value) => isJsonObject(value) || Array.isArray(value))
    if (inner === undefined) break
    current = inner
  }
  return { item: current, notes }
}

function looksLikeItem(data: JsonObject): boolean {
  return ['uri', 'guid', 'headline', 'headlines', 'body_html', 'body_text', 'bodies'].some(
    (key) => key in data,
  )
}

function titleOf(item: JsonObject): string {
  const headlines = item['headlines']
  const first = Array.isArray(headlines) ? headlines.find(isJsonObject) : undefined
  return (stringOf(item['headline']) || stringOf(first?.['value'])).slice(0, 80)
}
