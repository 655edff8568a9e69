import { describe, expect, it } from 'vitest'
import { SaveArticleInput } from '../../../../shared/ipc/contract'
import { savableChanges } from './savableChanges'

const storeAccepts = (changes: object) =>
  SaveArticleInput.safeParse({ id: crypto.randomUUID(), baseRevision: 1, changes }).success

describe('savableChanges on sources', () => {
  // Regression (H1): a row with a link and no name was filtered out before its link was looked
  // at: "Saved at…" showed, the store held no source, and after a reload the row was gone.
  it('keeps a source with a link and no name, good or refused, and the store accepts it', () => {
    const { changes, heldBack } = savableChanges({
      sources: [
        { name: '', url: 'https://nameless.example/' },
        { name: '  ', invalidUrl: 'javascript:alert(1)' },
        { name: '' },
        { name: ' MEA ', url: ' https://mea.gov.in/ ' },
      ],
    })
    expect(heldBack).toBeNull()
    expect(changes.sources).toEqual([
      { name: '', url: 'https://nameless.example/' },
      { name: '', invalidUrl: 'javascript:alert(1)' },
      { name: 'MEA', url: 'https://mea.gov.in/' },
    ])
    expect(storeAccepts(changes)).toBe(true)
  })

  it('sorts a link typed with spaces around it the same way the field does', () => {
    const { changes } = savableChanges({
      sources: [{ name: 'Wire', invalidUrl: '  https://wire.example/a b ' }],
    })
    expect(changes.sources).toEqual([{ name: 'Wire', invalidUrl: 'https://wire.example/a b' }])
  })

  // Regression (M5): a link over 2,000 characters went to the store, which refused every save with
  // "Invalid saveArticle request: changes.sources.7.invalidUrl: Too big…".
  it('holds back sources the store cannot keep, saying why in plain words, and saves the rest', () => {
    const { changes, heldBack } = savableChanges({
      headline: 'Kept',
      sources: [{ name: 'A' }, { name: 'Long', invalidUrl: `ftp://${'x'.repeat(2000)}` }],
    })
    expect(changes).toEqual({ headline: 'Kept' })
    expect(heldBack).toEqual({
      field: 'sources',
      reason: 'Sources not saved: Source 2’s link is over 2,000 characters: shorten it.',
    })
    expect(storeAccepts(changes)).toBe(true)
  })
})
