import { describe, expect, it } from 'vitest'
import { countWords } from './countWords'
import { readingTimeLabel } from './readingTime'

describe('countWords', () => {
  it('counts space-separated words as before', () => {
    expect(countWords("India's ties, Japan-India AI: 75th anniversary.")).toBe(6)
  })
  it('item 4: counts Japanese, Chinese and Thai by word segments, not by spaces (a whole story was one word)', () => {
    expect(countWords('日本と韓国の外相が東京で会談した。')).toBe(10)
    expect(countWords('中国外交部发言人表示，双方将加强合作。')).toBeGreaterThanOrEqual(8)
    expect(countWords('รัฐบาลไทยประกาศมาตรการใหม่')).toBe(5)
    expect(countWords('東京（共同）Tokyo summit 日米首脳が会談')).toBeGreaterThanOrEqual(7)
  })
  it('gives a 1,200-character Japanese story minutes, not "1 min read" for one long word', () => {
    const story =
      '日米両政府は東京で首脳会談を開き、半導体の供給網の強化で協力することを確認した。'.repeat(30)
    expect(countWords(story)).toBeGreaterThan(600)
    expect(countWords(story)).toBeLessThan(900)
    expect(readingTimeLabel(countWords(story))).toBe('4 min read')
  })
})
