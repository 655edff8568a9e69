import { describe, expect, it } from 'vitest'
import { draftStory, edited } from '../../../tests/support/storyDesk'
import { sameText } from './sameText'

describe('sameText', () => {
  it('bug: a story back from the desk with its body keys in jsonb order ({"text","type"}) counted as a different text', () => {
    const mine = edited(draftStory(), 'The council voted.')
    // What PostgreSQL jsonb hands back: the same document, each object's keys in its own order.
    const fromDesk = JSON.parse(
      JSON.stringify(mine.body).replace(
        /\{"type":"text","text":("[^"]*")\}/g,
        '{"text":$1,"type":"text"}',
      ),
    )
    expect(JSON.stringify(fromDesk)).not.toBe(JSON.stringify(mine.body))
    expect(sameText(mine, { ...mine, body: fromDesk, revision: 7 })).toBe(true)
  })

  it('tells a changed text from the same one', () => {
    const mine = edited(draftStory(), 'The council voted.')
    expect(sameText(mine, edited(mine, 'The council voted again.'))).toBe(false)
    expect(sameText(mine, { ...mine, headline: 'Another headline' })).toBe(false)
    expect(sameText(mine, { ...mine, updatedAt: '2026-12-01T14:00:00.000Z' })).toBe(true)
  })
})
