/**
 * Every keyboard shortcut of the app, in one table. The handlers match keys with `matchesShortcut`,
 * buttons show `shortcutHint` in their tooltips and `ariaKeyShortcuts` to screen readers, and the
 * `?` dialog lists this table: a shortcut changed here changes everywhere, so they cannot drift.
 */
import { drawerShortcut, type DrawerId } from './drawerShortcuts'

export type KeyCombo = {
  /** `KeyboardEvent.code` for letters and digits (layout-independent), or `key` for the rest. */
  code?: string
  key?: string
  /** Ctrl on Windows and Linux, Cmd on a Mac. */
  mod?: boolean
  alt?: boolean
  shift?: boolean
}

export type ShortcutGroup = 'App' | 'Article' | 'Body editor' | 'Toolbars, tabs and lists'

export type Shortcut = {
  label: string
  group: ShortcutGroup
  /** Keys pressed together; two entries are pressed one after the other. */
  keys: KeyCombo[]
  /** Where it works, when not everywhere. */
  note?: string
  /** How the keys read when they are a family (the arrows), not one combination. */
  text?: string
}

/** The drawers keep their own matching (useDrawer); the table lists them so the `?` dialog does. */
function drawerEntry(id: DrawerId): Shortcut {
  const drawer = drawerShortcut(id)
  return {
    label: drawer.description,
    group: 'App',
    keys: [{ mod: true, alt: true, code: drawer.code }],
  }
}

const define = <K extends string>(table: Record<K, Shortcut>): Record<K, Shortcut> => table

export const SHORTCUTS = define({
  newArticle: {
    label: 'New article',
    group: 'App',
    keys: [{ mod: true, alt: true, code: 'KeyN' }],
  },
  nextRegion: {
    label: 'Next region (list, toolbar, article, side panel, top bar)',
    group: 'App',
    keys: [{ key: 'F6' }],
  },
  previousRegion: { label: 'Previous region', group: 'App', keys: [{ shift: true, key: 'F6' }] },
  showShortcuts: {
    label: 'Show keyboard shortcuts',
    group: 'App',
    keys: [{ key: '?' }],
    note: 'outside text fields',
  },
  articlesDrawer: drawerEntry('articles'),
  sidePanelDrawer: drawerEntry('side-panel'),
  save: { label: 'Save now', group: 'Article', keys: [{ mod: true, code: 'KeyS' }] },
  preview: {
    label: 'Show or hide the preview',
    group: 'Article',
    keys: [{ mod: true, alt: true, code: 'KeyP' }],
  },
  checks: {
    label: 'Go to the checks',
    group: 'Article',
    keys: [{ mod: true, alt: true, code: 'KeyK' }],
  },
  submit: {
    label: 'Submit to desk',
    group: 'Article',
    keys: [{ mod: true, alt: true, code: 'KeyS' }],
  },
  approve: { label: 'Approve', group: 'Article', keys: [{ mod: true, alt: true, code: 'KeyA' }] },
  paragraph: {
    label: 'Paragraph',
    group: 'Body editor',
    keys: [{ mod: true, alt: true, code: 'Digit0' }],
  },
  heading2: {
    label: 'Heading 2',
    group: 'Body editor',
    keys: [{ mod: true, alt: true, code: 'Digit2' }],
  },
  heading3: {
    label: 'Heading 3',
    group: 'Body editor',
    keys: [{ mod: true, alt: true, code: 'Digit3' }],
  },
  bold: { label: 'Bold', group: 'Body editor', keys: [{ mod: true, code: 'KeyB' }] },
  italic: { label: 'Italic', group: 'Body editor', keys: [{ mod: true, code: 'KeyI' }] },
  link: { label: 'Link', group: 'Body editor', keys: [{ mod: true, code: 'KeyK' }] },
  bulletList: {
    label: 'Bulleted list',
    group: 'Body editor',
    keys: [{ mod: true, shift: true, code: 'Digit8' }],
  },
  orderedList: {
    label: 'Numbered list',
    group: 'Body editor',
    keys: [{ mod: true, shift: true, code: 'Digit7' }],
  },
  quote: { label: 'Quote', group: 'Body editor', keys: [{ mod: true, shift: true, code: 'KeyB' }] },
  pullQuote: {
    label: 'Pull quote',
    group: 'Body editor',
    keys: [{ mod: true, shift: true, code: 'KeyP' }],
  },
  undo: { label: 'Undo', group: 'Body editor', keys: [{ mod: true, code: 'KeyZ' }] },
  redo: { label: 'Redo', group: 'Body editor', keys: [{ mod: true, shift: true, code: 'KeyZ' }] },
  indentListItem: {
    label: 'Indent a list item',
    group: 'Body editor',
    keys: [{ key: 'Tab' }],
    note: 'in a list; elsewhere Tab leaves the body',
  },
  outdentListItem: {
    label: 'Outdent a list item',
    group: 'Body editor',
    keys: [{ shift: true, key: 'Tab' }],
    note: 'in a list',
  },
  leaveBody: {
    label: 'Leave the body from a list',
    group: 'Body editor',
    keys: [{ key: 'Escape' }, { key: 'Tab' }],
    note: 'Shift+Tab after Escape leaves backwards',
  },
  arrows: {
    label: 'Move between toolbar buttons or tabs',
    group: 'Toolbars, tabs and lists',
    keys: [{ key: 'ArrowLeft' }],
    text: 'Left/Right arrow, Home, End',
  },
  reorderKeyPoint: {
    label: 'Move a key point up or down',
    group: 'Toolbars, tabs and lists',
    keys: [{ alt: true, key: 'ArrowUp' }],
    text: 'Alt+Up/Down arrow',
  },
})

export type ShortcutId = keyof typeof SHORTCUTS

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  'App',
  'Article',
  'Body editor',
  'Toolbars, tabs and lists',
]

export const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform)

type KeyEvent = Pick<
  KeyboardEvent,
  'code' | 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'
> & {
  getModifierState?: (key: string) => boolean
}

/** True when the event is the shortcut's (first) key combination. */
export function matchesShortcut(event: KeyEvent, shortcut: Shortcut): boolean {
  const combo = shortcut.keys[0]
  if (!combo) return false
  // AltGr is Ctrl+Alt on Windows: AltGr+S types "ś" on a Polish keyboard, a character, not a
  // shortcut. Only with AltGr down: Ctrl+Alt+S on a Russian layout says "ы" and is the shortcut.
  const altGr = event.getModifierState?.('AltGraph') ?? false
  if (altGr && combo.code && isOtherCharacter(event.key, keyName(combo))) return false
  const mod = event.ctrlKey || event.metaKey
  if (mod !== Boolean(combo.mod) || event.altKey !== Boolean(combo.alt)) return false
  // "?" is Shift+/ on most layouts: the character decides, not the Shift key.
  if (combo.key !== '?' && event.shiftKey !== Boolean(combo.shift)) return false
  return combo.code ? event.code === combo.code : event.key === combo.key
}

function isOtherCharacter(key: string, expected: string): boolean {
  return key.length === 1 && key.toLowerCase() !== expected.toLowerCase()
}

const KEY_NAMES: Record<string, string> = {
  Escape: 'Esc',
  ArrowLeft: 'Left arrow',
  ArrowRight: 'Right arrow',
  ArrowUp: 'Up arrow',
  ArrowDown: 'Down arrow',
}

const CODE_NAMES: Record<string, string> = { BracketLeft: '[', BracketRight: ']' }

function keyName(combo: KeyCombo): string {
  if (combo.code) return CODE_NAMES[combo.code] ?? combo.code.replace(/^(Key|Digit)/, '')
  return KEY_NAMES[combo.key ?? ''] ?? combo.key ?? ''
}

/** How a person reads the keys: "Ctrl+Alt+S", "⌘B" on a Mac, "Esc then Tab". */
export function shortcutText(shortcut: Shortcut, mac = isMac): string {
  if (shortcut.text) return shortcut.text
  return shortcut.keys
    .map((combo) => {
      const parts = [
        combo.mod ? (mac ? '⌘' : 'Ctrl+') : '',
        combo.alt ? 'Alt+' : '',
        combo.shift ? 'Shift+' : '',
      ]
      return parts.join('') + keyName(combo)
    })
    .join(' then ')
}

/** A tooltip: "Approve (Ctrl+Alt+A)". */
export function shortcutHint(label: string, shortcut: Shortcut, mac = isMac): string {
  return `${label} (${shortcutText(shortcut, mac)})`
}

/** The `aria-keyshortcuts` value ("Control+Alt+S"); none for a sequence, which it cannot express. */
export function ariaKeyShortcuts(shortcut: Shortcut, mac = isMac): string | undefined {
  const [combo, ...rest] = shortcut.keys
  if (!combo || rest.length > 0) return undefined
  const parts = [
    combo.mod ? (mac ? 'Meta' : 'Control') : '',
    combo.alt ? 'Alt' : '',
    combo.shift ? 'Shift' : '',
    keyName(combo)
      .replace(/ arrow$/, '')
      .replace(/^(Left|Right|Up|Down)$/, 'Arrow$1'),
  ]
  return parts.filter(Boolean).join('+')
}

/** True when keys typed here are text (a field, the body), so a bare "?" must not be taken. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null
}
