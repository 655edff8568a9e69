import { describe, expect, it } from 'vitest'
import { contextMenuTemplate } from './contextMenuTemplate'

const flags = {
  canUndo: true,
  canRedo: false,
  canCut: true,
  canCopy: true,
  canPaste: true,
  canSelectAll: true,
  canDelete: true,
  canEditRichly: true,
}

describe('contextMenuTemplate', () => {
  it('offers spelling suggestions that replace the word, and Add to Dictionary', () => {
    const replaced: string[] = []
    const added: string[] = []
    const menu = contextMenuTemplate(
      {
        misspelledWord: 'goverment',
        dictionarySuggestions: ['government', 'governments'],
        isEditable: true,
        selectionText: '',
        editFlags: flags,
      },
      { replaceMisspelling: (w) => replaced.push(w), addToDictionary: (w) => added.push(w) },
    )
    expect(menu.map((item) => item.label ?? item.role ?? item.type)).toEqual([
      'government',
      'governments',
      'separator',
      'Add “goverment” to Dictionary',
      'separator',
      'undo',
      'redo',
      'separator',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ])
    const click = (i: number) => {
      const item = menu[i]
      if (item?.click) item.click(...([] as unknown as Parameters<NonNullable<typeof item.click>>))
    }
    click(0)
    click(3)
    expect(replaced).toEqual(['government'])
    expect(added).toEqual(['goverment'])
  })

  it('says so when there are no suggestions, and only offers Copy on read-only text', () => {
    const none = contextMenuTemplate(
      {
        misspelledWord: 'Jaishankar',
        dictionarySuggestions: [],
        isEditable: true,
        selectionText: '',
        editFlags: flags,
      },
      { replaceMisspelling: () => undefined, addToDictionary: () => undefined },
    )
    expect(none[0]).toEqual({ label: 'No spelling suggestions', enabled: false })
    const readOnly = contextMenuTemplate(
      {
        misspelledWord: '',
        dictionarySuggestions: [],
        isEditable: false,
        selectionText: 'text',
        editFlags: flags,
      },
      { replaceMisspelling: () => undefined, addToDictionary: () => undefined },
    )
    expect(readOnly).toEqual([{ role: 'copy' }])
  })
})
