import { describe, expect, it } from 'vitest'
import { documentTitle } from './useDocumentTitle'

describe('documentTitle', () => {
  it('is the app name alone when there is nothing to name', () => {
    expect(documentTitle(null)).toBe('Copydesk')
    expect(documentTitle('   ')).toBe('Copydesk')
  })

  it('puts a short subject before the app name, whole', () => {
    expect(documentTitle('Desk queue')).toBe('Desk queue — Copydesk')
  })

  it('cuts a long headline at a word, without a trailing comma, and says it was cut', () => {
    expect(
      documentTitle('India, Japan Forge Stronger Ties on AI, Chips & Security in Key Dialogue'),
    ).toBe('India, Japan Forge Stronger Ties on AI… — Copydesk')
    expect(documentTitle('India, Japan forge, ties and more words that run past the limit')).toBe(
      'India, Japan forge, ties and more words… — Copydesk',
    )
  })

  it('cuts a long word mid-way rather than leaving almost nothing', () => {
    const title = documentTitle(`Ab ${'x'.repeat(80)}`)
    expect(title).toBe(`Ab ${'x'.repeat(37)}… — Copydesk`)
  })

  it('folds line breaks and runs of spaces into one space', () => {
    expect(documentTitle('Two\n  lines')).toBe('Two lines — Copydesk')
  })
})
