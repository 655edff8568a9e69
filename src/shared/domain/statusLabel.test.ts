import { describe, expect, it } from 'vitest'
import { ArticleStatus } from './Article'
import { statusInSentence, statusLabel } from './statusLabel'

describe('statusLabel', () => {
  it('gives every status words, never the stored name with an underscore', () => {
    for (const status of ArticleStatus.options) {
      expect(statusLabel(status)).toMatch(/^[A-Z][a-z ]+$/)
      expect(statusInSentence(status)).toBe(statusLabel(status).toLowerCase())
    }
    expect(statusInSentence('changes_requested')).toBe('changes requested')
  })
})
