/** Reading speed the desk quotes: 230 words a minute. */
export const WORDS_PER_MINUTE = 230

/** Minutes to read `words` words, rounded up; at least one minute for any text. */
export function readingMinutes(words: number): number {
  return words <= 0 ? 0 : Math.ceil(words / WORDS_PER_MINUTE)
}

/** "2 min read", as the fixture's site prints it. */
export function readingTimeLabel(words: number): string {
  return `${Math.max(1, readingMinutes(words))} min read`
}
