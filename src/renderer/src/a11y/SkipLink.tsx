import type { MouseEvent } from 'react'
import './skipLink.css'

/**
 * The first thing Tab reaches: jumps past the app bar and the list to the open article's first
 * field (or the main area when no article is open). Hidden until it has focus.
 */
export function SkipLink() {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault()
    const target =
      document.getElementById('field-headline') ?? document.getElementById('main-content')
    if (!target) return
    target.focus()
    target.scrollIntoView({ block: 'nearest' })
  }
  // The href names a target on every screen (main), so the link is valid without script; the hash
  // router would take it for a route, so the click handler does the jump, to the headline if open.
  return (
    <a className="skip-link" href="#main-content" onClick={handleClick}>
      Skip to article
    </a>
  )
}
