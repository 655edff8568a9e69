import { useEffect, useId, useRef, useState } from 'react'
import type { InboxItem } from '../../../../shared/domain/SyncSnapshot'
import { announce } from '../../a11y/announce'
import { formatTime } from '../../formatTime'
import { INBOX_KIND_LABELS, inboxWords } from './inboxWords'
import './sync.css'

type Props = {
  /** Newest first. */
  items: InboxItem[]
  /** Opens the item's story (and marks the item read). */
  onOpen: (item: InboxItem) => void
  onMarkAllRead: (ids: string[]) => void
}

/**
 * The writer's inbox in the app bar: what the desk did to their stories (notes, sent back, approved,
 * published), unread first counted on the button. A new arrival is said to screen readers once.
 */
export function InboxButton({ items, onOpen, onMarkAllRead }: Props) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLElement>(null)
  const unread = items.filter((item) => !item.read)
  useArrivalAnnouncement(unread)
  useEffect(() => {
    if (!open) return
    const first =
      panel.current?.querySelector<HTMLElement>('.inbox-open') ??
      panel.current?.querySelector<HTMLElement>('button')
    first?.focus()
    const handleKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      button.current?.focus()
    }
    window.addEventListener('keydown', handleKey)
    return () => window.removeEventListener('keydown', handleKey)
  }, [open])

  const handleOpen = (item: InboxItem) => {
    setOpen(false)
    onOpen(item)
  }
  return (
    <div className="inbox">
      <button
        ref={button}
        type="button"
        className="button small"
        aria-expanded={open}
        aria-controls={panelId}
        // The visible words first ("Inbox 2"), then what the number is (WCAG 2.5.3).
        aria-label={unread.length > 0 ? `Inbox, ${unread.length} unread` : 'Inbox'}
        onClick={() => setOpen((was) => !was)}
      >
        Inbox
        {unread.length > 0 && (
          <>
            {' '}
            <span className="inbox-count">{unread.length}</span>
          </>
        )}
      </button>
      {open && (
        <section
          ref={panel}
          id={panelId}
          className="inbox-panel"
          aria-labelledby={`${panelId}-title`}
        >
          <header className="inbox-head">
            <h2 id={`${panelId}-title`}>Inbox</h2>
            {unread.length > 0 && (
              <button
                type="button"
                className="button small"
                onClick={() => onMarkAllRead(unread.map((item) => item.id))}
              >
                Mark all read
              </button>
            )}
          </header>
          {items.length === 0 ? (
            <p className="inbox-empty">
              Nothing yet. Notes from the desk, and your stories sent back, approved or published,
              arrive here.
            </p>
          ) : (
            <ul className="inbox-list">
              {items.map((item) => (
                <li key={item.id} className={`inbox-item ${item.read ? 'read' : 'unread'}`}>
                  <button type="button" className="inbox-open" onClick={() => handleOpen(item)}>
                    <span className="inbox-line">
                      <span className="inbox-kind">{INBOX_KIND_LABELS[item.kind]}</span>
                      <span>by {item.by}</span>
                      <time dateTime={item.at}>{formatTime(item.at)}</time>
                      {!item.read && <span className="visually-hidden">, unread</span>}
                    </span>
                    <span className="inbox-headline">{item.headline || 'Untitled story'}</span>
                    {item.body && (
                      <span className="inbox-note" dir="auto">
                        {item.body}
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  )
}

/** Says the newest unread item when one arrives; the items already there at start are not news. */
function useArrivalAnnouncement(unread: InboxItem[]): void {
  const known = useRef<Set<string> | null>(null)
  useEffect(() => {
    const ids = new Set(unread.map((item) => item.id))
    const before = known.current
    known.current = ids
    if (!before) return
    const fresh = unread.find((item) => !before.has(item.id))
    if (fresh)
      announce(
        `Inbox: ${inboxWords(fresh, (iso) => formatTime(iso))}, on ${fresh.headline || 'Untitled story'}`,
      )
  }, [unread])
}
