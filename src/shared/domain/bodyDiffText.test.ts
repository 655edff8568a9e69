import { describe, expect, it } from 'vitest'
import { bodyDiffText } from './bodyDiffText'
import { diffArticles } from './diffArticles'
import { blankFields } from './newArticle'

const figure = (caption: string) => ({
  type: 'figure',
  attrs: {
    mediaId: `${'ef'.repeat(32)}.png`,
    caption,
    credit: 'AP',
    creator: '',
    copyright: '',
    altText: 'x',
  },
})
const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })

describe('bodyDiffText', () => {
  it('shows each picture in the body as a line with its caption and credit', () => {
    expect(
      bodyDiffText({ type: 'doc', content: [para('Before'), figure('A dam'), para('After')] }),
    ).toBe('Before\n[Picture: A dam · Credit: AP]\nAfter')
  })

  it('makes a recaptioned picture a change in the comparison', () => {
    const before = { ...blankFields(), body: { type: 'doc' as const, content: [figure('A dam')] } }
    const after = { ...blankFields(), body: { type: 'doc' as const, content: [figure('The dam')] } }
    expect(diffArticles(before, after).bodyChanged).toBe(true)
  })
})
