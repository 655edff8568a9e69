import { Article, ArticleSummary } from '../shared/domain/Article'
import { docText } from '../shared/domain/countWords'

/** A plain-text table of article summaries for the terminal. */
export function formatList(value: unknown): string {
  const rows = ArticleSummary.array().parse(value)
  if (rows.length === 0) return 'No articles.'
  const lines = rows.map((row) =>
    [
      row.updatedAt.slice(0, 16).replace('T', ' '),
      row.status.padEnd(17),
      row.id,
      row.headline || '(untitled)',
    ].join('  '),
  )
  return [
    `${'UPDATED'.padEnd(16)}  ${'STATUS'.padEnd(17)}  ${'ID'.padEnd(36)}  HEADLINE`,
    ...lines,
  ].join('\n')
}

/** One article as readable text for the terminal. */
export function formatArticle(value: unknown): string {
  const article = Article.parse(value)
  const lines = [
    article.headline || '(untitled)',
    `${article.status} · revision ${article.revision} · updated ${article.updatedAt} · id ${article.id}`,
  ]
  if (article.deck) lines.push('', article.deck)
  if (article.summary) lines.push('', article.summary)
  const body = docText(article.body).trim()
  if (body) lines.push('', body)
  return lines.join('\n')
}
