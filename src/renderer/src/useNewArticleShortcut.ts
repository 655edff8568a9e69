import { useEffect } from 'react'
import { matchesShortcut, SHORTCUTS } from './a11y/shortcuts'
import { onMenuCommand } from './api'

/** File > New Article in the desktop app, Ctrl/Cmd+Alt+N anywhere (browsers keep Ctrl+N for themselves). */
export function useNewArticleShortcut(create: () => void): void {
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      if (matchesShortcut(event, SHORTCUTS.newArticle)) {
        event.preventDefault()
        create()
      }
    }
    window.addEventListener('keydown', handleKeyDown)
    const offMenu = onMenuCommand((command) => command === 'new' && create())
    return () => {
      offMenu()
      window.removeEventListener('keydown', handleKeyDown)
    }
  }, [create])
}
