import type { ArticleStatus } from './Article'

const LABELS: Record<ArticleStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
  corrected: 'Corrected',
  killed: 'Killed',
  spiked: 'Spiked',
}

/** How a status reads on screen, in a message and in search: the one place a status gets words. */
export function statusLabel(status: ArticleStatus): string {
  return LABELS[status]
}

/** The status inside a sentence: "This story is changes requested". */
export function statusInSentence(status: ArticleStatus): string {
  return LABELS[status].toLowerCase()
}
