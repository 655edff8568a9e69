import { useEffect } from 'react'
import { matchesShortcut, SHORTCUTS } from '../../a11y/shortcuts'
import { onMenuCommand } from '../../api'
import type { Autosaver } from './Autosaver'

/**
 * Ctrl/Cmd+S saves now, Ctrl/Cmd+Alt+P toggles the preview; the native menu's Save and Close do
 * the same in the desktop app. Leaving the page with unsaved text saves it and asks first.
 */
export function useEditorShortcuts(
  saver: Autosaver,
  onClose: () => void,
  onTogglePreview: () => void,
): void {
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      if (matchesShortcut(event, SHORTCUTS.save)) {
        event.preventDefault()
        void saver.flush()
      } else if (matchesShortcut(event, SHORTCUTS.preview)) {
        event.preventDefault()
        onTogglePreview()
      }
    }
    const handleBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!saver.hasUnsaved) return
      void saver.flush()
      event.preventDefault()
    }
    const offMenu = onMenuCommand((command) => {
      if (command === 'save') void saver.flush()
      if (command === 'close') void saver.flush().then(onClose)
    })
    window.addEventListener('keydown', handleKeyDown)
    window.addEventListener('beforeunload', handleBeforeUnload)
    return () => {
      offMenu()
      window.removeEventListener('keydown', handleKeyDown)
      window.removeEventListener('beforeunload', handleBeforeUnload)
    }
  }, [saver, onClose, onTogglePreview])
}
