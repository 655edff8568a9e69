import { useCallback, useState } from 'react'
import type { Article, EditableFields } from '../../../../shared/domain/Article'
import type { Autosaver } from './Autosaver'

/** The non-body fields as the editor types them; every change is handed to the autosaver. */
export type Fields = Omit<EditableFields, 'body'>

export function useArticleFields(article: Article, saver: Autosaver) {
  const [fields, setFields] = useState<Fields>(() => ({
    headline: article.headline,
    deck: article.deck,
    summary: article.summary,
    keyPoints: article.keyPoints,
    dateline: article.dateline,
    byline: article.byline,
    credit: article.credit,
    sources: article.sources,
    tags: article.tags,
    language: article.language,
    entities: article.entities,
    contentCreated: article.contentCreated,
    copyrightHolder: article.copyrightHolder,
    copyrightNotice: article.copyrightNotice,
    feedItem: article.feedItem,
    embargoedUntil: article.embargoedUntil,
    leadPicture: article.leadPicture,
  }))
  const update = useCallback(
    <F extends Exclude<keyof EditableFields, 'body'>>(field: F, value: EditableFields[F]) => {
      setFields((current) => ({ ...current, [field]: value }))
      saver.change(field, () => value)
    },
    [saver],
  )
  return [fields, update] as const
}
