import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron'

export type SpellingActions = {
  replaceMisspelling: (word: string) => void
  addToDictionary: (word: string) => void
}

/**
 * The right-click menu: Chromium's spelling suggestions for a misspelled word first (with Add to
 * Dictionary), then the usual editing items for editable fields, or Copy for selected text.
 */
export function contextMenuTemplate(
  params: Pick<
    ContextMenuParams,
    'misspelledWord' | 'dictionarySuggestions' | 'isEditable' | 'selectionText' | 'editFlags'
  >,
  actions: SpellingActions,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = []
  if (params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, 6)
    if (suggestions.length === 0) items.push({ label: 'No spelling suggestions', enabled: false })
    for (const suggestion of suggestions) {
      items.push({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) })
    }
    items.push(
      { type: 'separator' },
      {
        label: `Add “${params.misspelledWord}” to Dictionary`,
        click: () => actions.addToDictionary(params.misspelledWord),
      },
      { type: 'separator' },
    )
  }
  if (params.isEditable) {
    items.push(
      { role: 'undo', enabled: params.editFlags.canUndo },
      { role: 'redo', enabled: params.editFlags.canRedo },
      { type: 'separator' },
      { role: 'cut', enabled: params.editFlags.canCut },
      { role: 'copy', enabled: params.editFlags.canCopy },
      { role: 'paste', enabled: params.editFlags.canPaste },
      { role: 'selectAll' },
    )
  } else if (params.selectionText.trim()) {
    items.push({ role: 'copy' })
  }
  return items
}
