import { ARTICLE_SCHEMA_VERSION, Article } from '../../shared/domain/Article'
import { bodyLimitProblem, READ_BODY_LIMITS } from '../../shared/domain/DocNode'
import { LeaveInPlace } from './FileLeftInPlaceError'

/**
 * Parses a stored article, upgrading older schema versions as they appear.
 * A file from a newer Copydesk is left where it is rather than guessed at, and so is one whose body
 * is beyond what this version can read (READ_BODY_LIMITS, far above the limits of a save): neither is
 * damaged, this version just cannot open it.
 */
export function migrateArticle(data: unknown): Article {
  if (data && typeof data === 'object' && 'schemaVersion' in data) {
    const version = data.schemaVersion
    if (typeof version === 'number' && version > ARTICLE_SCHEMA_VERSION) {
      throw new LeaveInPlace(
        'newer-version',
        `written by a newer Copydesk (schema version ${version}); this version reads up to ${ARTICLE_SCHEMA_VERSION}`,
      )
    }
  }
  if (data && typeof data === 'object' && 'body' in data) {
    const tooBig = bodyLimitProblem(data.body, READ_BODY_LIMITS)
    if (tooBig) throw new LeaveInPlace('left-in-place', tooBig)
  }
  return Article.parse(data)
}
