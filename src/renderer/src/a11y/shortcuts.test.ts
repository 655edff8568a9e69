import { describe, expect, it } from 'vitest'
import { MENU_ACCELERATORS } from '../../../shared/keyboard/menuAccelerators'
import {
  ariaKeyShortcuts,
  isTypingTarget,
  matchesShortcut,
  SHORTCUT_GROUPS,
  SHORTCUTS,
  shortcutHint,
  shortcutText,
  type KeyCombo,
} from './shortcuts'

const press = (init: Partial<KeyboardEventInit> & { code?: string; key?: string }) => ({
  code: '',
  key: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...init,
})

/** The key combination as one string, to find two shortcuts that share keys. */
function comboKey(combo: KeyCombo): string {
  return [combo.mod, combo.alt, combo.shift, combo.code ?? combo.key].join('|')
}

describe('the shortcut table', () => {
  it('gives every shortcut a group that the dialog shows', () => {
    for (const shortcut of Object.values(SHORTCUTS))
      expect(SHORTCUT_GROUPS).toContain(shortcut.group)
  })

  it('has no two shortcuts on the same keys', () => {
    const seen = new Map<string, string>()
    for (const shortcut of Object.values(SHORTCUTS)) {
      const key = shortcut.keys.map(comboKey).join(' then ')
      expect(seen.get(key), `${shortcut.label} clashes`).toBeUndefined()
      seen.set(key, shortcut.label)
    }
  })

  it('takes none of the desktop menu accelerators (Electron would eat the key first)', () => {
    const menu = Object.values(MENU_ACCELERATORS).map((item) => item.accelerator)
    for (const shortcut of Object.values(SHORTCUTS)) {
      const [combo] = shortcut.keys
      if (!combo?.mod) continue
      const accelerator = [
        'CmdOrCtrl',
        combo.alt ? 'Alt' : '',
        combo.shift ? 'Shift' : '',
        (combo.code ?? combo.key ?? '').replace(/^(Key|Digit)/, ''),
      ]
        .filter(Boolean)
        .join('+')
      expect(menu, shortcut.label).not.toContain(accelerator)
    }
  })

  it('keeps Checks, Submit and Approve off the body editor keys and the browser-mode keys', () => {
    const taken = ['KeyN', 'KeyP', 'Digit0', 'Digit2', 'Digit3']
    for (const shortcut of [SHORTCUTS.checks, SHORTCUTS.submit, SHORTCUTS.approve]) {
      expect(shortcut.keys[0]).toMatchObject({ mod: true, alt: true })
      expect(taken).not.toContain(shortcut.keys[0]?.code)
    }
  })
})

describe('matchesShortcut', () => {
  it('matches Ctrl or Cmd with Alt and the key by its position', () => {
    expect(
      matchesShortcut(
        press({ ctrlKey: true, altKey: true, code: 'KeyS', key: 'ß' }),
        SHORTCUTS.submit,
      ),
    ).toBe(true)
    expect(
      matchesShortcut(press({ metaKey: true, altKey: true, code: 'KeyA' }), SHORTCUTS.approve),
    ).toBe(true)
  })

  it('does not take Ctrl+S (save) for Ctrl+Alt+S (submit), nor the other way', () => {
    expect(matchesShortcut(press({ ctrlKey: true, code: 'KeyS' }), SHORTCUTS.submit)).toBe(false)
    expect(
      matchesShortcut(press({ ctrlKey: true, altKey: true, code: 'KeyS' }), SHORTCUTS.save),
    ).toBe(false)
  })

  it('ignores AltGr, which Windows reports as Ctrl+Alt (AltGr+S is "ś" in Polish)', () => {
    const withAltGr = (init: Parameters<typeof press>[0]) => ({
      ...press(init),
      getModifierState: (key: string) => key === 'AltGraph',
    })
    const polish = withAltGr({ ctrlKey: true, altKey: true, code: 'KeyS', key: 'ś' })
    expect(matchesShortcut(polish, SHORTCUTS.submit)).toBe(false)
    const german = withAltGr({ ctrlKey: true, altKey: true, code: 'Digit2', key: '²' })
    expect(matchesShortcut(german, SHORTCUTS.heading2)).toBe(false)
    const us = withAltGr({ ctrlKey: true, altKey: true, code: 'KeyS', key: 's' })
    expect(matchesShortcut(us, SHORTCUTS.submit)).toBe(true)
  })

  it('takes "?" whichever Shift it needed, and F6 only without Shift for the next region', () => {
    expect(matchesShortcut(press({ key: '?', shiftKey: true }), SHORTCUTS.showShortcuts)).toBe(true)
    expect(matchesShortcut(press({ key: '?' }), SHORTCUTS.showShortcuts)).toBe(true)
    expect(matchesShortcut(press({ key: 'F6', shiftKey: true }), SHORTCUTS.nextRegion)).toBe(false)
    expect(matchesShortcut(press({ key: 'F6', shiftKey: true }), SHORTCUTS.previousRegion)).toBe(
      true,
    )
  })
})

describe('how shortcuts are written', () => {
  it('reads as a person says them, per platform', () => {
    expect(shortcutText(SHORTCUTS.approve, false)).toBe('Ctrl+Alt+A')
    expect(shortcutText(SHORTCUTS.approve, true)).toBe('⌘Alt+A')
    expect(shortcutText(SHORTCUTS.leaveBody, false)).toBe('Esc then Tab')
    expect(shortcutHint('Heading 2 (H2)', SHORTCUTS.heading2, false)).toBe(
      'Heading 2 (H2) (Ctrl+Alt+2)',
    )
  })

  it('gives aria-keyshortcuts in its own syntax, and none for a sequence', () => {
    expect(ariaKeyShortcuts(SHORTCUTS.submit, false)).toBe('Control+Alt+S')
    expect(ariaKeyShortcuts(SHORTCUTS.redo, true)).toBe('Meta+Shift+Z')
    expect(ariaKeyShortcuts(SHORTCUTS.previousRegion, false)).toBe('Shift+F6')
    expect(ariaKeyShortcuts(SHORTCUTS.leaveBody, false)).toBeUndefined()
  })
})

describe('isTypingTarget', () => {
  it('is true in fields and editable text, false on buttons and the page', () => {
    const input = document.createElement('input')
    const button = document.createElement('button')
    const editable = document.createElement('div')
    editable.setAttribute('contenteditable', 'true')
    const inside = document.createElement('p')
    editable.append(inside)
    document.body.append(input, button, editable)
    expect(isTypingTarget(input)).toBe(true)
    expect(isTypingTarget(inside)).toBe(true)
    expect(isTypingTarget(button)).toBe(false)
    expect(isTypingTarget(document.body)).toBe(false)
    expect(isTypingTarget(null)).toBe(false)
  })
})
