import { isRecord } from './isRecord'
import type { WordPressRest } from './WordPressRest'

/** A language as Polylang lists it (GET /wp-json/pll/v1/languages). */
type PolylangLanguage = { slug: string; locale: string; name: string }

/**
 * The Polylang language for a story, on a site that runs Polylang (its REST index lists the
 * `pll/v1` namespace). Core WordPress has no per-post language: without Polylang the language
 * travels in the post's markup only (see toWordPressBlocks). `slug` goes with the post as Polylang's
 * `lang` parameter; `notice` says why it could not be set.
 */
export async function polylangLanguage(
  rest: WordPressRest,
  language: string,
): Promise<{ slug: string | null; notice: string | null }> {
  const none = { slug: null, notice: null }
  let namespaces: unknown[] = []
  try {
    const index = await rest.call('/?_fields=namespaces')
    namespaces = isRecord(index) && Array.isArray(index['namespaces']) ? index['namespaces'] : []
  } catch {
    // The index is a nicety: the push itself will say what is wrong with the site.
    return none
  }
  if (!namespaces.includes('pll/v1')) return none
  let languages: PolylangLanguage[]
  try {
    languages = toLanguages(await rest.call('/pll/v1/languages'))
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return {
      slug: null,
      notice: `Polylang's languages could not be read (${why}): the post has the site's default language.`,
    }
  }
  const match = matchLanguage(languages, language)
  if (match) return { slug: match.slug, notice: null }
  const have = languages.map((l) => `${l.name} (${l.slug})`).join(', ') || 'none'
  return {
    slug: null,
    notice: `Polylang on this WordPress site has no language for "${language}" (it has ${have}): the post has the site's default language. Add the language in WordPress under Languages, then push again.`,
  }
}

/** The Polylang language for a BCP 47 tag: same locale, else same slug, else same primary language. */
export function matchLanguage(
  languages: PolylangLanguage[],
  tag: string,
): PolylangLanguage | undefined {
  const wanted = tag.toLowerCase()
  const primary = wanted.split('-')[0] ?? wanted
  const locale = (l: PolylangLanguage) => l.locale.toLowerCase().replace(/_/g, '-')
  return (
    languages.find((l) => locale(l) === wanted) ??
    languages.find((l) => l.slug.toLowerCase() === wanted) ??
    languages.find((l) => l.slug.toLowerCase() === primary) ??
    languages.find((l) => locale(l).split('-')[0] === primary)
  )
}

function toLanguages(value: unknown): PolylangLanguage[] {
  if (!Array.isArray(value)) return []
  return value.filter(isRecord).map((l) => ({
    slug: typeof l['slug'] === 'string' ? l['slug'] : '',
    locale: typeof l['locale'] === 'string' ? l['locale'] : '',
    name: typeof l['name'] === 'string' ? l['name'] : '',
  }))
}
