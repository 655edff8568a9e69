import type { ArticleSummary } from '../../../../shared/domain/Article'

const LIST_LIMIT = 140

/**
 * Why a story in "changes requested" came back, as the list shows it: who, and the note cut at a
 * word near `limit` characters; `full` is the whole note for the tooltip and screen readers.
 */
export function statusNoteLine(
  article: Pick<ArticleSummary, 'status' | 'statusNote'>,
  limit = LIST_LIMIT,
): { short: string; full: string } | null {
  const note = article.statusNote
  if (article.status !== 'changes_requested' || !note?.text.trim()) return null
  const text = note.text.trim().replace(/\s+/g, ' ')
  const full = `${note.by}: ${text}`
  if (text.length <= limit) return { short: full, full }
  const cut = text.slice(0, limit + 1)
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), limit * 0.6)).trimEnd()
  return { short: `${note.by}: ${atWord}…`, full }
}
