import type { ArticleStatus } from '../../../../shared/domain/Article'

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

/** How a status reads on screen. */
export function statusLabel(status: ArticleStatus): string {
  return LABELS[status]
}
