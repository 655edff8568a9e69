import { createHash } from 'node:crypto'
import type { Article } from '../shared/domain/Article'
import { readerCorrections } from '../shared/domain/readerCorrections'
import { toPublication } from '../shared/export/toPublication'
import type { CmsClient } from './CmsClient'

/**
 * Identifies what readers would see (the story, its language, its corrections and a note waiting
 * to be published), when it is to go live, and how the target lays it out, whatever the workflow bookkeeping (status,
 * revision) says.
 */
export function contentKeyOf(article: Article, client: CmsClient): string {
  const key = {
    publication: toPublication(article),
    corrections: readerCorrections(article).map((c) => c.note),
    layout: client.fingerprint,
    // Only when set, so the keys of pushes made before schedules existed stay the same.
    ...(article.scheduledFor ? { scheduledFor: article.scheduledFor } : {}),
  }
  return createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32)
}
