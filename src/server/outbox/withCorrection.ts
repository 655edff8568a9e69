import type { Article } from '../../shared/domain/Article'
import { DEFAULT_DESK_SETTINGS } from '../../shared/domain/DeskSettings'
import type { toPublishJson } from '../../shared/export/toPublishJson'

/** The story as it goes out: with the correction note for readers this push carries. */
export function withCorrection(
  article: Article,
  correction: string | null,
  by: string,
  at: Date,
): Article {
  return correction === null
    ? article
    : { ...article, pendingCorrection: { by, at: at.toISOString(), note: correction } }
}

/** The desk server keeps the workstation's default house rules for what it renders. */
export function publishOptions(exportedAt: string): Parameters<typeof toPublishJson>[1] {
  const settings = DEFAULT_DESK_SETTINGS
  return {
    exportedAt,
    generator: 'Copydesk desk server',
    comments: { enabled: settings.commentsEnabled, minLength: settings.commentMinLength },
    language: settings.language,
  }
}
