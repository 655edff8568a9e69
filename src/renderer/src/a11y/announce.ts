/**
 * One polite live region for the whole app. It is in the page from the first render (LiveAnnouncer),
 * because screen readers ignore a live region that appears together with its text.
 */
type Listener = (message: string) => void

let listener: Listener | null = null

/** Says `message` once to screen-reader users; a repeat of the same words is said again. */
export function announce(message: string): void {
  listener?.(message)
}

/** Lets the mounted LiveAnnouncer receive messages; returns the way to stop. */
export function listenForAnnouncements(next: Listener): () => void {
  listener = next
  return () => {
    if (listener === next) listener = null
  }
}
