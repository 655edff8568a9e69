const EVENT = 'copydesk:article-changed'

/**
 * Says that an article changed in the store outside its editor (an agency kill recorded on it from
 * the import review), so an editor showing it can load it again.
 */
export function announceArticleChanged(id: string): void {
  window.dispatchEvent(new CustomEvent(EVENT, { detail: { id } }))
}

/** Calls `handle` when article `id` is announced as changed; returns the unsubscribe. */
export function onArticleChanged(id: string, handle: () => void): () => void {
  const listener = (event: Event) => {
    const detail: unknown = event instanceof CustomEvent ? event.detail : null
    if (typeof detail === 'object' && detail !== null && 'id' in detail && detail.id === id)
      handle()
  }
  window.addEventListener(EVENT, listener)
  return () => window.removeEventListener(EVENT, listener)
}
