import { describe, expect, it } from 'vitest'
import { takeLeadDateline } from './takeLeadDateline'

describe('takeLeadDateline', () => {
  it('bug: a hard break after the dateline ("WASHINGTON (AP)<br>The…") stayed at the head of the lead', () => {
    const { body, dateline } = takeLeadDateline({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'WASHINGTON (AP)' },
            { type: 'hardBreak' },
            { type: 'text', text: 'The Senate voted.' },
          ],
        },
      ],
    })
    expect(dateline?.place).toBe('Washington')
    expect(body.content?.[0]?.content).toEqual([{ type: 'text', text: 'The Senate voted.' }])
  })
})
