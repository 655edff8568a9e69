/**
 * The two drawers of a narrow window: the article list and the side panel (checks, history, notes,
 * export). Below `drawerBelow` CSS pixels of window width each one leaves the layout and opens over
 * the page from its button or its shortcut; wider, it is always on screen and the shortcut moves
 * focus into it. The widths are repeated in drawers.css (media queries cannot read them from here).
 *
 * Shortcuts use `event.code`, so they are the same keys on every keyboard layout; on a Mac,
 * Cmd replaces Ctrl.
 */
export type DrawerId = 'articles' | 'side-panel'

export type DrawerShortcut = {
  id: DrawerId
  /** The element the drawer's button controls. */
  elementId: string
  /** What the button says, and the name of the drawer region. */
  label: string
  /** As shown to people (tooltips, the shortcuts dialog). */
  keys: string
  /** As `aria-keyshortcuts` writes it. */
  ariaKeys: string
  code: 'BracketLeft' | 'BracketRight'
  /** The window width (CSS px) below which this region is a drawer. */
  drawerBelow: number
  description: string
}

export const DRAWER_SHORTCUTS: readonly DrawerShortcut[] = [
  {
    id: 'articles',
    elementId: 'articles-drawer',
    label: 'Articles',
    keys: 'Ctrl+Alt+[',
    ariaKeys: 'Control+Alt+[',
    code: 'BracketLeft',
    drawerBelow: 900,
    description: 'Show or hide the article list (narrow windows); go to it otherwise',
  },
  {
    id: 'side-panel',
    elementId: 'side-panel-drawer',
    label: 'Checks and notes',
    keys: 'Ctrl+Alt+]',
    ariaKeys: 'Control+Alt+]',
    code: 'BracketRight',
    drawerBelow: 1180,
    description:
      'Show or hide checks, history, notes and export (narrow windows); go to them otherwise',
  },
]

export function drawerShortcut(id: DrawerId): DrawerShortcut {
  const found = DRAWER_SHORTCUTS.find((shortcut) => shortcut.id === id)
  if (!found) throw new Error(`No drawer "${id}"`)
  return found
}

/** Whether a key event is this drawer's shortcut (Ctrl+Alt or Cmd+Alt, with the bracket key). */
export function isDrawerShortcut(
  event: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  shortcut: DrawerShortcut,
): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    event.altKey &&
    !event.shiftKey &&
    event.code === shortcut.code
  )
}
