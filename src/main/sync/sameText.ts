import { EditableFields, type Article } from '../../shared/domain/Article'

const FIELDS = new Set(Object.keys(EditableFields.shape))

/**
 * Whether two versions of a story say the same (their editable fields), whatever their bookkeeping
 * and whatever the order of keys in their JSON: the desk keeps documents in PostgreSQL `jsonb`,
 * which hands objects back with its own key order.
 */
export function sameText(a: Article, b: Article): boolean {
  return textOf(a) === textOf(b)
}

function textOf(article: Article): string {
  const fields = Object.entries(article).filter(
    ([key, value]) => FIELDS.has(key) && value !== undefined,
  )
  return JSON.stringify(sorted(Object.fromEntries(fields)))
}

/** The value with every object's keys in one order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([key, inner]) => [key, sorted(inner)]),
  )
}
