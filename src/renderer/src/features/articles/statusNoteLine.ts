import type { ArticleSummary } from '../../../../shared/domain/Article'

const LIST_LIMIT = 140
const TOOLTIP_LIMIT = 600

/**
 * Why a story in "changes requested" came back, as the list shows it: who, and the note cut at a
 * word near `limit` characters (read once by a screen reader, as part of the link); `tooltip` is
 * more of it for the pointer, never the 5,000 characters a note may have: the story's banner
 * holds the whole note.
 */
export function statusNoteLine(
  article: Pick<ArticleSummary, 'status' | 'statusNote'>,
  limit = LIST_LIMIT,
): { short: string; tooltip: string } | null {
  const note = article.statusNote
  if (article.status !== 'changes_requested' || !note?.text.trim()) return null
  const text = note.text.trim().replace(/\s+/g, ' ')
  return {
    short: `${note.by}: ${cutAtWord(text, limit)}`,
    tooltip: `${note.by}: ${cutAtWord(text, TOOLTIP_LIMIT, ' (the whole note is on the story)')}`,
  }
}

function cutAtWord(text: string, limit: number, more = ''): string {
  if (text.length <= limit) return text
  const cut = text.slice(0, limit + 1)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), limit * 0.6)).trimEnd()}…${more}`
}
