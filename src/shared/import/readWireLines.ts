import { readWireMark } from './readWireMark'

/** Fixed-width wire copy wraps at 60 to 80 columns; a paragraph-per-line paste has longer lines. */
const WRAP_WIDTH_MAX = 100
/** How much shorter than the widest line a wrapped line may be (the longest word that did not fit). */
const RAGGED_MARGIN = 25
const STRUCTURAL =
  /^\s*(?:[•·▪◦‣*–-]\s|key\s*points\b|by\s|von\s|av\s|par\s|por\s|door\s|photo\s*:|foto\s*:|bild\s*:|#)/iu

/**
 * Wire copy as lines, one per paragraph: paragraphs wrapped at a fixed width (dpa, AP, Reuters on
 * a teleprinter line) are joined again, so a lead is one paragraph, not one per line; blocks of
 * separate lines (a slug, a headline and a byline; a Key Points list) stay separate. ANPA 1312
 * line marks (`^…<`, `…=`) and its ``quotes'' are read as what they stand for.
 */
export function readWireLines(text: string): string[] {
  const anpa = /^\^/m.test(text) && /[<=]\s*$/m.test(text)
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => (anpa ? readAnpaLine(line) : line.trim()))
        .filter(Boolean),
    )
  return blocks.flatMap((lines) => (isWrapped(lines) ? [lines.join(' ')] : lines))
}

/** True for a block whose lines are one paragraph broken at a fixed width. */
function isWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false
  const heads = lines.slice(0, -1)
  const width = Math.max(...heads.map((line) => line.length))
  if (width > WRAP_WIDTH_MAX || width < 40) return false
  return (
    heads.every((line) => line.length >= width - RAGGED_MARGIN && !/[:]$/.test(line)) &&
    lines.every((line) => !STRUCTURAL.test(line) && readWireMark(line) === null)
  )
}

function readAnpaLine(line: string): string {
  return line
    .trim()
    .replace(/^\^/, '')
    .replace(/\s*[<=]$/, '')
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    .trim()
}
