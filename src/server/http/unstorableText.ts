/** Half of a surrogate pair without its other half: not Unicode, and not storable as JSON. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Where in a request's input a text PostgreSQL cannot store is, and why; null when there is none.
 * PostgreSQL keeps no NUL in `text` or `jsonb` (SQLSTATE 22021 / 22P05) and refuses a lone
 * surrogate's `\ud800` escape in `jsonb` (22P02), so such input can only be refused, and must be
 * before any handler writes part of it. Walks with its own stack: a deeply nested body must not
 * overflow.
 */
export function unstorableText(input: unknown): { path: string; problem: string } | null {
  const stack: { value: unknown; path: string }[] = [{ value: input, path: '' }]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item
    if (typeof value === 'string') {
      const problem = problemOf(value)
      if (problem !== null) return { path, problem }
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key
        const problem = problemOf(key)
        if (problem !== null) return { path: at, problem }
        stack.push({ value: child, path: at })
      }
    }
  }
  return null
}

function problemOf(text: string): string | null {
  if (text.includes('\u0000')) return 'text may not contain the NUL character (U+0000)'
  if (LONE_SURROGATE.test(text))
    return 'text must be well-formed Unicode (it holds half of a surrogate pair)'
  return null
}
