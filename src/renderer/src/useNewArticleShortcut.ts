import { useEffect } from 'react'
import { onMenuCommand } from './api'

/** File > New Article in the desktop app, Ctrl/Cmd+Alt+N anywhere (browsers keep Ctrl+N for themselves). */
export function useNewArticleShortcut(create: () => void): void {
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.altKey && event.code === 'KeyN') {
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
