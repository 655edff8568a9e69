import type { Publication } from './Publication'

/**
 * The excerpt of a WordPress post: the summary, led by the deck when the desk puts the deck there.
 * It never exceeds the desk's summary limit (counted as the checks count it, in UTF-16 units): a
 * longer one is cut at a word and ends with "…", and `shortened` says so, for the desk to be told.
 * The cut falls between graphemes, never inside an emoji, a surrogate pair or a letter with its
 * vowel signs.
 */
export function wordPressExcerpt(
  publication: Pick<Publication, 'deck' | 'summary'>,
  options: { deck: 'standfirst' | 'excerpt'; limit: number },
): { text: string; shortened: boolean } {
  const parts =
    options.deck === 'excerpt' ? [publication.deck, publication.summary] : [publication.summary]
  const full = parts.filter(Boolean).join(' ')
  if (full.length <= options.limit) return { text: full, shortened: false }
  const room = graphemePrefix(full, options.limit - 1)
  const cut = room.lastIndexOf(' ')
  const text = `${(cut > options.limit / 2 ? room.slice(0, cut) : room).replace(/[\s,;:.–—-]+$/, '')}…`
  return { text, shortened: true }
}

/** The longest run of whole graphemes from the start of `text` that fits in `units` UTF-16 units. */
function graphemePrefix(text: string, units: number): string {
  let end = 0
  for (const { segment, index } of new Intl.Segmenter(undefined, {
    granularity: 'grapheme',
  }).segment(text)) {
    if (index + segment.length > units) break
    end = index + segment.length
  }
  return text.slice(0, end)
}
