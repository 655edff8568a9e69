import type { DrawerState } from './useDrawer'
import './drawers.css'

/** The button that opens and closes a drawer; only shown while the region is one. */
export function DrawerToggle({ drawer }: { drawer: DrawerState }) {
  const { shortcut, open, toggle, bindButton } = drawer
  return (
    <button
      ref={bindButton}
      type="button"
      className={`button small drawer-toggle drawer-toggle-${shortcut.id}`}
      aria-expanded={open}
      aria-controls={shortcut.elementId}
      aria-keyshortcuts={shortcut.ariaKeys}
      title={`${shortcut.label} (${shortcut.keys})`}
      onClick={toggle}
    >
      {shortcut.id === 'articles' && <span aria-hidden="true">☰</span>}
      {shortcut.label}
    </button>
  )
}
