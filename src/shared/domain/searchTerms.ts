import type { Article } from './Article'
import { docText } from './countWords'
import { statusInSentence } from './statusLabel'

const WORD = /[\p{L}\p{M}\p{N}]+/gu
const ASCII_WORD = /[a-z0-9]+/g
const NON_ASCII = /[^ -~\t\n\r]/
/** Latin, Greek and Cyrillic accents only: vowel signs in Indic scripts are letters, not decoration. */
const ACCENTS = /[\u0300-\u036f]+/g

/** Text as search compares it: lower case, accents removed ("Évora" → "evora"). */
function foldText(text: string): string {
  const lower = text.toLowerCase()
  // Most copy is ASCII, and normalizing megabytes of it for nothing is the costliest step of indexing.
  if (!NON_ASCII.test(lower)) return lower
  return lower.normalize('NFKD').replace(ACCENTS, '').normalize('NFC')
}

/**
 * The text folded as search compares it when it is ASCII once lower-cased, else null: its words
 * are then exactly the runs of [a-z0-9], which a caller can scan without `searchTerms`' strings.
 */
export function foldedAscii(text: string): string | null {
  const lower = text.toLowerCase()
  return NON_ASCII.test(lower) ? null : lower
}

/** The folded words of a text, in order, repeats included. */
export function searchTerms(text: string): string[] {
  const folded = foldText(text)
  // The same words either way; the Unicode-aware pattern is several times slower on plain ASCII.
  return folded.match(NON_ASCII.test(folded) ? WORD : ASCII_WORD) ?? []
}

/** The parts of an article that search reads. */
export type SearchableArticle = Pick<
  Article,
  | 'headline'
  | 'deck'
  | 'summary'
  | 'keyPoints'
  | 'body'
  | 'dateline'
  | 'byline'
  | 'credit'
  | 'sources'
  | 'tags'
  | 'slug'
  | 'author'
  | 'status'
>

/** Everything an editor might search an article by: its words, its people, its place and its state. */
export function searchableText(article: SearchableArticle): string {
  return [
    article.headline,
    article.deck,
    article.summary,
    article.keyPoints.title,
    ...article.keyPoints.items,
    docText(article.body),
    article.dateline.place,
    ...article.byline,
    article.credit,
    ...article.sources.map((source) => source.name),
    ...article.tags,
    article.slug,
    article.author,
    statusInSentence(article.status),
  ].join('\n')
}
