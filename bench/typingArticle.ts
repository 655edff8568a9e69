import type { EditableFields } from '../src/shared/domain/Article'
import { countWords, docText } from '../src/shared/domain/countWords'
import type { DocNode } from '../src/shared/domain/DocNode'

const text = (value: string, marks?: DocNode['marks']): DocNode =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value }
const paragraph = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content })

/**
 * A long article that uses every node and mark the editor has (headings, lists, blockquotes, pull
 * quotes, bold, italic, links, line breaks), of at least `words` words: the typing bench's document.
 */
export function typingArticle(draw: () => string, words = 10_000): Partial<EditableFields> {
  const sentence = (length: number) => {
    const value = Array.from({ length }, draw).join(' ')
    return `${value.charAt(0).toUpperCase()}${value.slice(1)}.`
  }
  const content: DocNode[] = []
  let count = 0
  while (count < words) {
    const block = content.length
    if (block % 12 === 5) {
      content.push({
        type: 'heading',
        attrs: { level: 2 + (block % 3) },
        content: [text(sentence(5))],
      })
    } else if (block % 15 === 7) {
      content.push({
        type: block % 2 ? 'bulletList' : 'orderedList',
        content: [8, 10, 12].map((n) => ({
          type: 'listItem',
          content: [paragraph(text(sentence(n)))],
        })),
      })
    } else if (block % 20 === 9) {
      content.push({ type: 'blockquote', content: [paragraph(text(sentence(24)))] })
    } else if (block % 16 === 3) {
      content.push({
        type: 'pullQuote',
        content: [
          { type: 'pullQuoteText', content: [text(sentence(18))] },
          { type: 'pullQuoteAttribution', content: [text('India Narrative')] },
        ],
      })
    } else {
      content.push(
        paragraph(
          text(`${sentence(22)} `),
          text(sentence(3), [{ type: 'bold' }]),
          text(` ${sentence(18)} `),
          text(sentence(4), [{ type: 'link', attrs: { href: 'https://example.org/report' } }]),
          text(` ${sentence(14)}`),
          ...(block % 4 === 0
            ? [{ type: 'hardBreak' }, text(sentence(9), [{ type: 'italic' }])]
            : []),
        ),
      )
    }
    count += countWords(docText(content.at(-1)))
  }
  return {
    headline: 'Ten thousand words: the budget session, line by line',
    deck: 'The typing bench’s document, with every kind of block the editor has.',
    dateline: { place: 'New Delhi', date: '2026-01-23' },
    credit: 'IANS',
    body: { type: 'doc', content },
  }
}
