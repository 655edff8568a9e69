import type { Publication } from './Publication'

/**
 * The excerpt of a WordPress post: the summary, led by the deck when the desk puts the deck there.
 * It never exceeds the desk's summary limit: a longer one is cut at a word and ends with "…", and
 * `shortened` says so, for the desk to be told.
 */
export function wordPressExcerpt(
  publication: Pick<Publication, 'deck' | 'summary'>,
  options: { deck: 'standfirst' | 'excerpt'; limit: number },
): { text: string; shortened: boolean } {
  const parts =
    options.deck === 'excerpt' ? [publication.deck, publication.summary] : [publication.summary]
  const full = parts.filter(Boolean).join(' ')
  if (full.length <= options.limit) return { text: full, shortened: false }
  const room = full.slice(0, options.limit - 1)
  const cut = room.lastIndexOf(' ')
  const text = `${(cut > options.limit / 2 ? room.slice(0, cut) : room).replace(/[\s,;:.–—-]+$/, '')}…`
  return { text, shortened: true }
}
