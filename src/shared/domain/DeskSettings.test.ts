import { describe, expect, it } from 'vitest'
import { DeskSettings } from './DeskSettings'

describe('DeskSettings: CMS addresses', () => {
  it('refuses a user name or password inside the WordPress or webhook URL (bug: stored, shown, and every push failed)', () => {
    for (const key of ['wordpressUrl', 'webhookUrl']) {
      const parsed = DeskSettings.safeParse({ [key]: 'https://desk:secret@news.example/' })
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues[0]).toMatchObject({
        path: [key],
        message: expect.stringMatching(/Leave the user name and password out of the address/),
      })
    }
    expect(DeskSettings.safeParse({ wordpressUrl: 'https://news.example/blog' }).success).toBe(true)
  })
})
