import { createHash } from 'node:crypto'
import type { Article } from '../shared/domain/Article'
import { readerCorrections } from '../shared/domain/readerCorrections'
import { toPublication } from '../shared/export/toPublication'
import type { CmsClient } from './CmsClient'

/**
 * Identifies what readers would see (the story, its language, its corrections and a note waiting
 * to be published) and how the target lays it out, whatever the workflow bookkeeping (status,
 * revision) says.
 */
export function contentKeyOf(article: Article, client: CmsClient): string {
  const key = {
    publication: toPublication(article),
    corrections: readerCorrections(article).map((c) => c.note),
    layout: client.fingerprint,
  }
  return createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32)
}
