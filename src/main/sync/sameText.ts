import { EditableFields, type Article } from '../../shared/domain/Article'

const FIELDS = new Set(Object.keys(EditableFields.shape))

/** Whether two versions of a story say the same (their editable fields), whatever their bookkeeping. */
export function sameText(a: Article, b: Article): boolean {
  return textOf(a) === textOf(b)
}

function textOf(article: Article): string {
  const fields = Object.entries(article)
    .filter(([key, value]) => FIELDS.has(key) && value !== undefined)
    .sort(([x], [y]) => x.localeCompare(y))
  return JSON.stringify(fields)
}
