import { decodeEntities } from './decodeEntities'
import { isRecord } from './isRecord'
import type { WordPressRest } from './WordPressRest'

/**
 * Tag ids by name. WordPress stores "&" in a term name as "&amp;", and its search does not find a
 * name written plainly, so names are compared after decoding entities; a tag that exists all the
 * same comes back from the create as HTTP 400 term_exists carrying its id, which is used.
 */
export async function wordPressTagIds(rest: WordPressRest, tags: string[]): Promise<number[]> {
  const ids: number[] = []
  for (const name of tags) {
    const found = await rest.v2(`/tags?search=${encodeURIComponent(name)}&per_page=100`)
    const wanted = name.trim().toLowerCase()
    const match = Array.isArray(found)
      ? found.find(
          (tag) =>
            isRecord(tag) && decodeEntities(String(tag['name'])).trim().toLowerCase() === wanted,
        )
      : undefined
    if (isRecord(match) && typeof match['id'] === 'number') {
      ids.push(match['id'])
      continue
    }
    const created = await rest.v2('/tags', {
      method: 'POST',
      body: { name },
      acceptTermExists: true,
    })
    if (isRecord(created) && typeof created['id'] === 'number') ids.push(created['id'])
  }
  return ids
}
