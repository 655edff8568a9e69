import { HttpUrl, type EditableFields } from '../../../../shared/domain/Article'

/**
 * Changes as they may be stored: half-typed rows (a source without a name, an empty author) stay
 * on screen but are left out of the save, so the store never refuses a save because of them. A
 * source link that is not http(s) is saved as typed, apart (`invalidUrl`), so it stays flagged and
 * blocks submission until fixed, and is never exported.
 */
export function savableChanges(changes: Partial<EditableFields>): Partial<EditableFields> {
  const result = { ...changes }
  if (changes.sources) {
    result.sources = changes.sources
      .filter((source) => source.name.trim())
      .map((source) => {
        const name = source.name.trim()
        const typed = (source.url ?? source.invalidUrl)?.trim()
        if (!typed) return { name }
        return HttpUrl.safeParse(typed).success ? { name, url: typed } : { name, invalidUrl: typed }
      })
  }
  if (changes.byline) result.byline = changes.byline.map((v) => v.trim()).filter(Boolean)
  if (changes.tags) result.tags = changes.tags.map((v) => v.trim()).filter(Boolean)
  return result
}
