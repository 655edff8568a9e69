import type { EditableFields } from '../domain/Article'
import { countWords, docText } from '../domain/countWords'
import { formatDateline } from '../domain/formatDateline'
import { readingMinutes, readingTimeLabel } from '../domain/readingTime'
import type { Block, BodyBlock, Publication } from './Publication'
import { toBodyBlocks } from './toBlocks'

/** Lays an article out for readers; the preview and the exports all start from this. */
export function toPublication(article: EditableFields): Publication {
  const wordCount = countWords(docText(article.body))
  const datelineText = formatDateline(article.dateline)
  const body = toBodyBlocks(article.body.content).filter((block) => !isEmptyParagraph(block))
  const first = body.findIndex((block) => block.type === 'paragraph')
  const lead = body[first]
  if (datelineText && lead?.type === 'paragraph') body[first] = { ...lead, dateline: datelineText }
  const blocks = body.filter((block): block is Block => block.type !== 'figure')
  return {
    headline: article.headline.trim(),
    summary: article.summary.trim(),
    keyPoints: {
      title: article.keyPoints.title.trim(),
      items: article.keyPoints.items.map((i) => i.trim()).filter(Boolean),
    },
    readingTime: { minutes: readingMinutes(wordCount), label: readingTimeLabel(wordCount) },
    wordCount,
    deck: article.deck.trim(),
    dateline: {
      place: article.dateline.place.trim(),
      date: article.dateline.date,
      text: datelineText,
    },
    byline: article.byline,
    credit: article.credit.trim(),
    // A nameless source or a refused link is flagged in the editor and never reaches a reader.
    sources: article.sources.flatMap((s) =>
      s.name.trim() ? [s.url ? { name: s.name.trim(), url: s.url } : { name: s.name.trim() }] : [],
    ),
    tags: article.tags,
    language: article.language,
    entities: article.entities,
    blocks,
    ...(body.length > blocks.length ? { body } : {}),
    ...(article.leadPicture ? { leadPicture: article.leadPicture } : {}),
  }
}

function isEmptyParagraph(block: BodyBlock): boolean {
  return (
    block.type === 'paragraph' &&
    block.content.every((run) => run.type === 'text' && !run.text.trim())
  )
}
