import { describe, expect, it } from 'vitest'
import { Base64, DESK_MEDIA_MAX_BYTES } from './deskMediaCalls'

describe('Base64 (a picture in the desk API)', () => {
  it('takes the largest picture the desk allows, as base64, without overflowing the regex engine (bug: a grouped pattern threw RangeError on 60 MB)', () => {
    const text = Buffer.alloc(DESK_MEDIA_MAX_BYTES, 7).toString('base64')
    expect(Base64.safeParse(text).success).toBe(true)
  })

  it('refuses text that is not base64', () => {
    for (const text of ['@@@@', 'abc', 'ab=c', 'a===', 'YQ==YQ=='])
      expect(Base64.safeParse(text).success, text).toBe(false)
    for (const text of ['', 'YQ==', 'YWI=', 'YWJj'])
      expect(Base64.safeParse(text).success, text).toBe(true)
  })
})
