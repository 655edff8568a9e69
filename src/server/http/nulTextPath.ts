/**
 * Where in a request's input a text holds U+0000, or null. PostgreSQL stores no NUL in `text` or
 * `jsonb` (SQLSTATE 22021 / 22P05), so such input can only be refused, and must be before any
 * handler writes part of it. Walks with its own stack: a deeply nested body must not overflow.
 */
export function nulTextPath(input: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value: input, path: '' }]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key
        if (key.includes('\u0000')) return at
        stack.push({ value: child, path: at })
      }
    }
  }
  return null
}
