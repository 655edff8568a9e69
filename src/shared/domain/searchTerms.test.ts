import { describe, expect, it } from 'vitest'
import { newArticle } from './newArticle'
import { searchableText, searchTerms } from './searchTerms'

describe('searchTerms', () => {
  it('splits on anything but letters and digits, lower-cased and without accents', () => {
    expect(searchTerms('India-Japan: São Paulo’s 75th ÉVORA')).toEqual([
      'india',
      'japan',
      'sao',
      'paulo',
      's',
      '75th',
      'evora',
    ])
  })

  it('keeps words of other scripts', () => {
    expect(searchTerms('नई दिल्ली 東京')).toEqual(['नई', 'दिल्ली', '東京'])
  })
})

describe('searchableText', () => {
  it('reads every part an editor might search by, pull quotes and key points included', () => {
    const article = newArticle({
      id: '7a1f0c62-2f43-4d61-9d0e-8a1c2b3d4e5f',
      author: 'Asha Rao',
      now: '2026-01-23T10:00:00.000Z',
      fields: {
        headline: 'Headline word',
        deck: 'Deck word',
        summary: 'Summary word',
        keyPoints: { title: 'Key Points', items: ['Point word'] },
        dateline: { place: 'New Delhi', date: '2026-01-23' },
        byline: ['Ken Sato'],
        credit: 'IANS',
        sources: [{ name: 'Ministry of External Affairs' }],
        tags: ['Diplomacy'],
        body: {
          type: 'doc',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Body word' }] },
            {
              type: 'pullQuote',
              content: [
                { type: 'pullQuoteText', content: [{ type: 'text', text: 'Quoted word' }] },
                {
                  type: 'pullQuoteAttribution',
                  content: [{ type: 'text', text: 'India Narrative' }],
                },
              ],
            },
          ],
        },
      },
    })
    const terms = new Set(searchTerms(searchableText({ ...article, status: 'changes_requested' })))
    for (const word of [
      'headline',
      'deck',
      'summary',
      'point',
      'body',
      'quoted',
      'narrative',
      'delhi',
      'sato',
      'ians',
      'ministry',
      'diplomacy',
      'asha',
      'changes',
      'requested',
    ])
      expect(terms).toContain(word)
    expect(terms).not.toContain('paragraph')
  })
})
