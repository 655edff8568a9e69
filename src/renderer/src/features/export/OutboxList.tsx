import {
  isLive,
  isWaiting,
  outboxStateLabel,
  type OutboxItem,
  type PushTarget,
} from '../../../../shared/domain/OutboxItem'
import { formatTime } from '../../formatTime'
import './export.css'

export const TARGET_NAMES: Record<PushTarget, string> = {
  wordpress: 'WordPress',
  webhook: 'Webhook',
}

type Props = {
  items: OutboxItem[]
  onCheck: (item: OutboxItem) => void
  onRetry: (item: OutboxItem) => void
}

/** The story's pushes: where each stands in the CMS, what the desk should know, and what to do. */
export function OutboxList({ items, onCheck, onRetry }: Props) {
  if (items.length === 0) return null
  return (
    <ul className="outbox-list" aria-label="Outbox">
      {items.map((item) => (
        <li
          key={item.id}
          className={`outbox-${item.state} ${item.state === 'sent' && !isLive(item) ? 'outbox-waiting' : ''}`}
        >
          <strong>
            {TARGET_NAMES[item.target]}: {outboxStateLabel(item)}
          </strong>
          {item.state === 'sent' && item.sentAt && (
            <span className="muted small">
              at {formatTime(item.sentAt)}
              {item.remoteId ? ` · id ${item.remoteId}` : ''}
              {item.remoteSlug ? ` · slug ${item.remoteSlug}` : ''}
              {item.site ? ` · ${item.site}` : ''}
            </span>
          )}
          {isWaiting(item) && (
            <span className="small">
              The story stays approved until the post is published in WordPress.
            </span>
          )}
          {item.notices.length > 0 && (
            <ul className="outbox-notices" aria-label="What the desk should know">
              {item.notices.map((notice) => (
                <li key={notice}>{notice}</li>
              ))}
            </ul>
          )}
          {item.state === 'sent' && !isLive(item) && item.remoteId && (
            <button type="button" className="button small" onClick={() => onCheck(item)}>
              Check {TARGET_NAMES[item.target]} now
            </button>
          )}
          {item.state === 'failed' && (
            <>
              <span className="small">{item.lastError}</span>
              <span className="muted small">
                {item.nextAttemptAt
                  ? `Next try at ${formatTime(item.nextAttemptAt)}`
                  : 'Will not retry by itself: fix the cause, then retry'}
              </span>
              <button type="button" className="button small" onClick={() => onRetry(item)}>
                Retry now
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  )
}
