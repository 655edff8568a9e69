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
      document.getElementById('field-headline') ?? document.querySelector<HTMLElement>('main')
    if (!target) return
    if (target.tagName === 'MAIN' && !target.hasAttribute('tabindex')) target.tabIndex = -1
    target.focus()
    target.scrollIntoView({ block: 'nearest' })
  }
  // An in-page href the hash router would take for a route: the click handler does the jump.
  return (
    <a className="skip-link" href="#field-headline" onClick={handleClick}>
      Skip to article
    </a>
  )
}
