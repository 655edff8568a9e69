import { useEffect } from 'react'
import { matchesShortcut, SHORTCUTS } from './shortcuts'

/** Marks an element as a region F6 cycles through: `<aside {...region('list')}>`. */
export function region(name: string): { 'data-region': string } {
  return { 'data-region': name }
}

const TABBABLE =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex], [contenteditable="true"]'

/** The regions on screen, in page order; a region holding others (main) counts only when empty of them. */
export function regionsOnScreen(root: ParentNode = document): HTMLElement[] {
  const all = Array.from(root.querySelectorAll<HTMLElement>('[data-region]'))
  return all.filter(
    (element) =>
      !element.closest('[hidden], [inert]') &&
      element.getClientRects().length > 0 &&
      !all.some((other) => other !== element && element.contains(other)),
  )
}

function firstTabbable(region: HTMLElement): HTMLElement | null {
  return (
    Array.from(region.querySelectorAll<HTMLElement>(TABBABLE)).find(
      (element) =>
        element.tabIndex >= 0 &&
        !element.closest('[hidden]') &&
        element.getClientRects().length > 0,
    ) ?? null
  )
}

/**
 * F6 and Shift+F6 move focus between the regions of the window (top bar, list, toolbar, article,
 * side panel), as in desktop apps and browsers. Focus returns to where it last was in a region,
 * else to the region's first control. Not while a modal dialog is open: its focus stays trapped.
 */
export function useRegionCycling(): void {
  useEffect(() => {
    const last = new WeakMap<HTMLElement, HTMLElement>()
    const handleFocusIn = (event: FocusEvent) => {
      if (!(event.target instanceof HTMLElement)) return
      const home = event.target.closest<HTMLElement>('[data-region]')
      if (home) last.set(home, event.target)
    }
    const handleKeyDown = (event: KeyboardEvent) => {
      const forward = matchesShortcut(event, SHORTCUTS.nextRegion)
      if (!forward && !matchesShortcut(event, SHORTCUTS.previousRegion)) return
      event.preventDefault()
      if (document.querySelector('dialog[open]')) return
      const regions = regionsOnScreen()
      if (regions.length === 0) return
      const active = document.activeElement
      const current = regions.findIndex((element) => active && element.contains(active))
      const index =
        current < 0
          ? forward
            ? 0
            : regions.length - 1
          : (current + (forward ? 1 : regions.length - 1)) % regions.length
      const target = regions[index]
      if (!target) return
      const remembered = last.get(target)
      const usable =
        remembered?.isConnected &&
        target.contains(remembered) &&
        remembered.tabIndex >= 0 &&
        !remembered.matches(':disabled')
      const next = (usable ? remembered : null) ?? firstTabbable(target)
      if (next) return next.focus()
      // A region with nothing to press (a locked story): focus the region itself, so reading starts there.
      if (!target.hasAttribute('tabindex')) target.tabIndex = -1
      target.focus()
    }
    window.addEventListener('focusin', handleFocusIn)
    window.addEventListener('keydown', handleKeyDown)
    return () => {
      window.removeEventListener('focusin', handleFocusIn)
      window.removeEventListener('keydown', handleKeyDown)
    }
  }, [])
}
