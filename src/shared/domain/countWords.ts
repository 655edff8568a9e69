import type { DocNode } from './DocNode'

/** Scripts written without spaces between words: counted by a word segmenter, not by spaces. */
const SPACELESS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu
const SPACELESS_TEST = new RegExp(SPACELESS.source, 'u')
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*/gu

let segmenter: Intl.Segmenter | undefined
/**
 * Word counts of the spaceless runs seen lately. Segmenting costs about a microsecond a character
 * (ICU's dictionary), and the editor counts the whole story on every snapshot: a run (a sentence
 * between 。 or spaces) is segmented once, so typing re-segments only the sentence it changes.
 */
const runCounts = new Map<string, number>()
const RUN_CACHE_MAX = 20_000

/**
 * Counts words in plain text: runs of letters or digits, apostrophes and hyphens inside words.
 * Japanese, Chinese, Thai and the like have no spaces: their runs are split by Intl.Segmenter's
 * word granularity (日本と韓国 is 日本 / と / 韓国, three words), so a Tokyo story does not count as one word.
 */
export function countWords(text: string): number {
  if (!SPACELESS_TEST.test(text)) return text.match(WORD)?.length ?? 0
  let count = 0
  const rest = text.replace(SPACELESS, (run) => {
    count += segmentWords(run)
    return ' '
  })
  return count + (rest.match(WORD)?.length ?? 0)
}

function segmentWords(run: string): number {
  const known = runCounts.get(run)
  if (known !== undefined) return known
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' })
  let count = 0
  for (const segment of segmenter.segment(run)) if (segment.isWordLike) count += 1
  if (runCounts.size >= RUN_CACHE_MAX) runCounts.clear()
  runCounts.set(run, count)
  return count
}

/** The plain text of a TipTap document, one line per block. */
export function docText(node: DocNode | undefined): string {
  if (!node) return ''
  if (typeof node.text === 'string') return node.text
  if (node.type === 'hardBreak') return '\n'
  const parts = (node.content ?? []).map(docText)
  return parts.join(isBlockContainer(node.type) ? '\n' : '')
}

/** Whether a node holds blocks (joined a line apart) rather than inline text (joined as is). */
export function isBlockContainer(type: string): boolean {
  return type !== 'paragraph' && type !== 'heading'
}
