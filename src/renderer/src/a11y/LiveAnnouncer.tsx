import { useEffect, useState } from 'react'
import { listenForAnnouncements } from './announce'

/** The visually hidden live region that `announce()` writes to; rendered once, at the app's root. */
export function LiveAnnouncer() {
  const [message, setMessage] = useState({ text: '', turn: 0 })
  useEffect(
    () =>
      listenForAnnouncements((text) =>
        // The turn changes the key, so the same words said twice are read twice.
        setMessage((previous) => ({ text, turn: previous.turn + 1 })),
      ),
    [],
  )
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      <span key={message.turn}>{message.text}</span>
    </div>
  )
}
