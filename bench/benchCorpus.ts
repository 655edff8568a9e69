import { newArticle } from '../src/shared/domain/newArticle'
import type { Article } from '../src/shared/domain/Article'
import type { DocNode } from '../src/shared/domain/DocNode'

const TOPICS = ['diplomacy', 'economy', 'politics', 'courts', 'climate', 'business', 'health']
const PLACES = ['New Delhi', 'Tokyo', 'Mumbai', 'Kochi', 'Dhaka', 'Colombo', 'Kathmandu', 'Chennai']

/** A seeded generator, so every bench run measures the same corpus. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 4294967296
  }
}

/** A realistic article: 300 to 3,000 words in paragraphs, headings, key points, a pull quote, a dateline. */
export function corpusArticle(index: number, random: () => number, draw: () => string): Article {
  const sentence = (min: number, max: number) => {
    const length = min + Math.floor(random() * (max - min))
    const words = Array.from({ length }, draw)
    const text = words.join(' ')
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
  }
  const target = 300 + Math.floor(random() * 2700)
  const content: DocNode[] = []
  let words = 0
  while (words < target) {
    const text = Array.from({ length: 3 + Math.floor(random() * 3) }, () => sentence(8, 20)).join(
      ' ',
    )
    words += text.split(' ').length
    content.push({ type: 'paragraph', content: [{ type: 'text', text }] })
    if (content.length % 6 === 0)
      content.push({
        type: 'heading',
        attrs: { level: 3 },
        content: [{ type: 'text', text: sentence(3, 6) }],
      })
    if (content.length === 4) {
      content.push({
        type: 'pullQuote',
        content: [
          { type: 'pullQuoteText', content: [{ type: 'text', text: sentence(10, 20) }] },
          { type: 'pullQuoteAttribution', content: [{ type: 'text', text: 'India Narrative' }] },
        ],
      })
    }
  }
  const day = 1 + Math.floor(random() * 28)
  const id = `${index.toString(16).padStart(8, '0')}-0000-4000-8000-${Math.floor(random() * 2 ** 48)
    .toString(16)
    .padStart(12, '0')}`
  return newArticle({
    id,
    author: 'Bench Writer',
    now: new Date(Date.UTC(2026, 0, day, 9, 0, index % 60)).toISOString(),
    fields: {
      headline: `${sentence(6, 10).slice(0, -1)} ${index}`,
      deck: sentence(8, 14),
      summary: sentence(20, 35),
      keyPoints: {
        title: 'Key Points',
        items: Array.from({ length: 3 + Math.floor(random() * 3) }, () => sentence(4, 8)),
      },
      dateline: {
        place: PLACES[index % PLACES.length] ?? 'New Delhi',
        date: `2026-01-${String(day).padStart(2, '0')}`,
      },
      credit: 'IANS',
      tags: ['bench', TOPICS[index % TOPICS.length] ?? 'news'],
      body: { type: 'doc', content },
    },
  })
}
