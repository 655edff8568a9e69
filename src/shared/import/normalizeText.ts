/**
 * Text reduced to lower-case letters and digits separated by single spaces, for comparing a
 * headline with a heading or a description with a lead whatever their punctuation and case.
 */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
