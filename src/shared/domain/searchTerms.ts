import type { Article } from './Article'
import type { DocNode } from './DocNode'
import { docText, isBlockContainer } from './countWords'
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

/**
 * The same words as `searchableText`, as its lines without joining them: a word never crosses a
 * line, so an index can read each part as it is instead of a copy of the whole article.
 */
export function searchableParts(article: SearchableArticle): string[] {
  const parts = [
    article.headline,
    article.deck,
    article.summary,
    article.keyPoints.title,
    ...article.keyPoints.items,
  ]
  blockTexts(article.body, parts)
  parts.push(
    article.dateline.place,
    ...article.byline,
    article.credit,
    ...article.sources.map((source) => source.name),
    ...article.tags,
    article.slug,
    article.author,
    statusInSentence(article.status),
  )
  return parts
}

/** Pushes the text of each paragraph and heading of `doc` (as `docText` reads them), in order. */
function blockTexts(doc: DocNode, into: string[]): void {
  const stack: DocNode[] = [doc]
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (typeof node.text === 'string' || !isBlockContainer(node.type)) {
      into.push(docText(node))
      continue
    }
    const content = node.content ?? []
    for (let i = content.length - 1; i >= 0; i -= 1) {
      const child = content[i]
      if (child) stack.push(child)
    }
  }
}
