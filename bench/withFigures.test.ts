import { describe, expect, it } from 'vitest'
import type { DocNode } from '../src/shared/domain/DocNode'
import { withFigures } from './withFigures'

const paragraph = (text: string): DocNode => ({
  type: 'paragraph',
  content: [{ type: 'text', text }],
})
const picture = (n: number) => ({
  mediaId: `${String(n).padStart(64, '0')}.jpg`,
  caption: `Caption ${n}`,
  credit: 'Bench Agency',
  creator: 'Bench Photographer',
  copyright: '© Bench Agency',
  altText: `Alt ${n}`,
})

describe('withFigures', () => {
  it('spreads the figures between the blocks, in order, keeping every block', () => {
    const body = { type: 'doc' as const, content: ['a', 'b', 'c', 'd', 'e', 'f'].map(paragraph) }
    const result = withFigures(body, [picture(1), picture(2)])
    expect(
      result.content?.map((node) => node.attrs?.['caption'] ?? node.content?.[0]?.text),
    ).toEqual(['a', 'b', 'Caption 1', 'c', 'd', 'Caption 2', 'e', 'f'])
    expect(result.content?.[2]).toEqual({ type: 'figure', attrs: picture(1) })
  })

  it('puts the figures that find no place after the last block', () => {
    const body = { type: 'doc' as const, content: [paragraph('only')] }
    const result = withFigures(body, [picture(1), picture(2), picture(3)])
    expect(result.content?.map((node) => node.type)).toEqual([
      'paragraph',
      'figure',
      'figure',
      'figure',
    ])
  })

  it('leaves a body without pictures as it was', () => {
    const body = { type: 'doc' as const, content: [paragraph('a')] }
    expect(withFigures(body, [])).toEqual(body)
  })
})
