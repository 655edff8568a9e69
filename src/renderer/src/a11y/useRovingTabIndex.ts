import { useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent, type RefObject } from 'react'
import { rovingIndex } from './rovingIndex'

function enabledItems(root: HTMLElement | null, selector: string): HTMLElement[] {
  if (!root) return []
  return Array.from(root.querySelectorAll<HTMLElement>(selector)).filter(
    (item) => !item.matches(':disabled'),
  )
}

/** Puts `active` (or, if it is gone or disabled, the first enabled item) alone in the Tab order. */
function syncTabOrder(root: HTMLElement | null, selector: string, active: HTMLElement | null) {
  const items = enabledItems(root, selector)
  const stop = active && items.includes(active) ? active : (items[0] ?? null)
  root?.querySelectorAll<HTMLElement>(selector).forEach((item) => {
    item.tabIndex = item === stop ? 0 : -1
  })
  return stop
}

/**
 * Roving tabindex for a toolbar (WAI-ARIA toolbar pattern): one item is in the Tab order; arrows,
 * Home and End move between the items. Items are the enabled elements under `container` matching
 * `selector`; when the remembered item becomes disabled (Undo with nothing to undo), the first
 * enabled one takes its place, so the toolbar never drops out of the Tab order.
 */
export function useRovingTabIndex(container: RefObject<HTMLElement | null>, selector: string) {
  const active = useRef<HTMLElement | null>(null)
  // Every render: a toolbar's buttons enable and disable as the caret moves.
  useLayoutEffect(() => {
    active.current = syncTabOrder(container.current, selector, active.current)
  })
  const handleFocus = (event: FocusEvent<HTMLElement>) => {
    const target = enabledItems(container.current, selector).find((item) => item === event.target)
    if (target) active.current = syncTabOrder(container.current, selector, target)
  }
  const handleKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const items = enabledItems(container.current, selector)
    const current = items.findIndex((item) => item === event.target)
    const next = current < 0 ? null : rovingIndex(event.key, current, items.length)
    if (next === null) return
    event.preventDefault()
    active.current = syncTabOrder(container.current, selector, items[next] ?? null)
    active.current?.focus()
  }
  return { onFocus: handleFocus, onKeyDown: handleKeyDown }
}
