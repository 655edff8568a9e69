import type { Article } from '../../../../shared/domain/Article'
import { formatTime } from '../../formatTime'
import { statusLabel } from '../../../../shared/domain/statusLabel'
import './workflow.css'

/** Why a story cannot be edited right now, and who made it so. */
export function LockedBanner({ article }: { article: Article }) {
  const approval = article.approval
    ? ` by ${article.approval.by} at ${formatTime(article.approval.at)}`
    : ''
  const how =
    article.status === 'spiked'
      ? 'Restore it from the spike to edit.'
      : article.status === 'killed'
        ? 'It was withdrawn and stays as it is.'
        : 'Reopen it to edit; that sends it back to the desk.'
  return (
    <p className="locked-banner" role="status" aria-label="Read-only">
      <strong>{statusLabel(article.status)}</strong>
      {article.status === 'approved' ? approval : ''} · read-only. {how}
    </p>
  )
}
