import { HttpUrl, type EditableFields } from '../../../../shared/domain/Article'

/**
 * Changes as they may be stored: half-typed rows (a source without a name, a link that is not
 * http(s), an empty author) stay on screen but are left out of the save, so the store never
 * refuses a save because of them.
 */
export function savableChanges(changes: Partial<EditableFields>): Partial<EditableFields> {
  const result = { ...changes }
  if (changes.sources) {
    result.sources = changes.sources
      .filter((source) => source.name.trim())
      .map((source) => {
        const url = source.url?.trim()
        return url && HttpUrl.safeParse(url).success
          ? { name: source.name.trim(), url }
          : { name: source.name.trim() }
      })
  }
  if (changes.byline) result.byline = changes.byline.map((v) => v.trim()).filter(Boolean)
  if (changes.tags) result.tags = changes.tags.map((v) => v.trim()).filter(Boolean)
  return result
}
