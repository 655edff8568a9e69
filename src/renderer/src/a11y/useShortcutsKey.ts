import { useEffect } from 'react'
import { isTypingTarget, matchesShortcut, SHORTCUTS } from './shortcuts'

/** `?` opens the shortcuts dialog, except while typing (a "?" in a headline is a question mark). */
export function useShortcutsKey(open: () => void): void {
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      if (!matchesShortcut(event, SHORTCUTS.showShortcuts) || isTypingTarget(event.target)) return
      if (document.querySelector('dialog[open]')) return
      event.preventDefault()
      open()
    }
    window.addEventListener('keydown', handleKeyDown)
    return () => window.removeEventListener('keydown', handleKeyDown)
  }, [open])
}
