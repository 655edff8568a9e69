import type { DocNode } from './DocNode'

/** Scripts written without spaces between words: counted by a word segmenter, not by spaces. */
const SPACELESS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu
const SPACELESS_TEST = new RegExp(SPACELESS.source, 'u')
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*/gu

let segmenter: Intl.Segmenter | undefined

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
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' })
  let count = 0
  for (const segment of segmenter.segment(run)) if (segment.isWordLike) count += 1
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

function isBlockContainer(type: string): boolean {
  return type !== 'paragraph' && type !== 'heading'
}
