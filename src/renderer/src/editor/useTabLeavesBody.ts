import type { Editor } from '@tiptap/react'
import { useEffect } from 'react'

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta'])

/**
 * Tab moves on from the body to the next control, like in any other field, except in a list item,
 * where Tab and Shift+Tab indent and outdent. There, Escape then Tab (or Shift+Tab) leaves.
 * The key is kept from ProseMirror (stopped before it reaches the editor) and not prevented, so
 * the browser moves focus itself, in its own Tab order.
 */
export function useTabLeavesBody(editor: Editor | null): void {
  useEffect(() => {
    if (!editor) return
    const dom = editor.view.dom
    let leaving = false
    const handleKeyDown = (event: KeyboardEvent) => {
      if (!(event.target instanceof Node) || !dom.contains(event.target)) {
        leaving = false
        return
      }
      if (MODIFIER_KEYS.has(event.key)) return
      if (event.key === 'Escape') {
        leaving = true
        return
      }
      const armed = leaving
      leaving = false
      if (event.key !== 'Tab' || event.ctrlKey || event.metaKey || event.altKey) return
      if (armed || !editor.isActive('listItem')) event.stopPropagation()
    }
    window.addEventListener('keydown', handleKeyDown, true)
    return () => window.removeEventListener('keydown', handleKeyDown, true)
  }, [editor])
}
