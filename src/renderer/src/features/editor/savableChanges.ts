import type { EditableFields, Source } from '../../../../shared/domain/Article'
import { sourceChecks } from '../../../../shared/domain/sourceChecks'
import { isUnstorable } from '../../../../shared/domain/sourceProblems'
import { sourceLink, sourceWithLink } from '../../../../shared/domain/sourceWithLink'

/** Changes as they may be stored, and a field left out of this save (with why), if one was. */
export type Savable = {
  changes: Partial<EditableFields>
  heldBack: { field: keyof EditableFields; reason: string } | null
}

/**
 * Changes as they may be stored. Rows with nothing typed in them (an empty source, author or tag)
 * stay on screen but are not saved. Everything typed is: a source with a link and no name, a link
 * that is not http(s) (kept apart as `invalidUrl`), each flagged and blocking submission until
 * fixed. Only what the store cannot keep at all (a link over the length limit, which the field
 * does not let anyone type) holds the sources back, and the save says so instead of "Saved".
 */
export function savableChanges(changes: Partial<EditableFields>): Savable {
  const result = { ...changes }
  let heldBack: Savable['heldBack'] = null
  if (changes.sources) {
    const sources = changes.sources.filter(
      (source) => source.name.trim() || sourceLink(source).trim(),
    )
    if (sources.some(isUnstorable)) {
      delete result.sources
      const why = sourceChecks(changes.sources).filter((check) => check.id.endsWith('-long'))
      heldBack = {
        field: 'sources',
        reason: `Sources not saved: ${why.map((check) => check.message).join(' ')}`,
      }
    } else {
      result.sources = sources.map(storable)
    }
  }
  if (changes.byline) result.byline = changes.byline.map((v) => v.trim()).filter(Boolean)
  if (changes.tags) result.tags = changes.tags.map((v) => v.trim()).filter(Boolean)
  return { changes: result, heldBack }
}

function storable(source: Source): Source {
  return sourceWithLink(source.name.trim(), sourceLink(source).trim())
}
