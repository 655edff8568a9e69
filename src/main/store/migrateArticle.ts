import { ARTICLE_SCHEMA_VERSION, Article } from '../../shared/domain/Article'

/**
 * Parses a stored article, upgrading older schema versions as they appear.
 * A file from a newer Copydesk is refused rather than guessed at.
 */
export function migrateArticle(data: unknown): Article {
  if (data && typeof data === 'object' && 'schemaVersion' in data) {
    const version = data.schemaVersion
    if (typeof version === 'number' && version > ARTICLE_SCHEMA_VERSION) {
      throw new Error(
        `written by a newer Copydesk (schema version ${version}); this version reads up to ${ARTICLE_SCHEMA_VERSION}`,
      )
    }
  }
  return Article.parse(data)
}
