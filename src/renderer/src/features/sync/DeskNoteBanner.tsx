import type { InboxItem } from '../../../../shared/domain/SyncSnapshot'
import { formatTime } from '../../formatTime'
import { inboxWords } from './inboxWords'
import './sync.css'

type Props = { items: InboxItem[]; onDismiss: () => void }

/** What the desk did to the open story while it was away: "Sent back by Ben Chief at 14:05: …". */
export function DeskNoteBanner({ items, onDismiss }: Props) {
  if (items.length === 0) return null
  return (
    <section className="desk-note-banner" aria-label="From the desk">
      {items.map((item) => (
        <p key={item.id} dir="auto">
          {inboxWords(item, (iso) => formatTime(iso))}
        </p>
      ))}
      <div className="desk-note-actions">
        <button
          type="button"
          className="button small"
          aria-label={`Dismiss ${items.length === 1 ? 'the desk’s message' : 'the desk’s messages'}`}
          onClick={onDismiss}
        >
          Dismiss
        </button>
      </div>
    </section>
  )
}
