import type { Article, ArticleSummary } from './Article'
import { countWords, docText } from './countWords'

/** The list entry for an article. */
export function summarize(article: Article): ArticleSummary {
  return {
    id: article.id,
    slug: article.slug,
    headline: article.headline,
    status: article.status,
    author: article.author,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    revision: article.revision,
    tags: article.tags,
    statusChangedAt: article.statusChangedAt,
    statusNote: article.statusNote,
    feedItem: article.feedItem,
    embargoedUntil: article.embargoedUntil,
    scheduledFor: article.scheduledFor,
    wordCount: countWords(docText(article.body)),
  }
}
