import type { Article } from '../domain/Article'
import { readerCorrections } from '../domain/readerCorrections'
import { stripXmlForbiddenDeep } from '../domain/stripXmlForbidden'
import { blocksToHtml } from './blocksToHtml'
import { figureHtml, publishBlocks, publishPicture, type PictureFiles } from './publishPicture'
import { toPublication } from './toPublication'

/**
 * Version of the Copydesk publish format; resources/copydesk-publish-2.1.schema.json describes it
 * (2.0 added pictures: `leadImage` and figure blocks; 2.1 lets a rendition carry its file as
 * base64 `data` or an `href` instead of a `path`, for webhook pushes; its description says how to
 * upgrade from 2.0 and 1.0).
 */
export const PUBLISH_FORMAT_VERSION = '2.1'
export const PUBLISH_SCHEMA_ID = 'https://copydesk.dev/schemas/copydesk-publish-2.1.schema.json'

const FINAL_STATES: readonly Article['status'][] = ['approved', 'published', 'corrected']

export type CommentSettings = { enabled: boolean; minLength: number }

/** True when an article in this state may leave as final copy; anything else leaves only as a marked preview. */
export function isFinal(status: Article['status']): boolean {
  return FINAL_STATES.includes(status)
}

/** The Copydesk publish JSON for one article: what a CMS takes as it is. */
export function toPublishJson(
  article: Article,
  options: {
    exportedAt: string
    generator: string
    comments: CommentSettings
    /** The desk's language, for a story that names none: the JSON always says which it is. */
    language?: string | undefined
    /** The renditions written beside the document; without them pictures carry no files. */
    pictures?: PictureFiles | undefined
  },
) {
  const publication = toPublication(article)
  const blocks = publishBlocks(publication.body ?? publication.blocks, options.pictures)
  const html = blocks.map((b) => (b.type === 'figure' ? figureHtml(b) : blocksToHtml([b]))).join('')
  const final = isFinal(article.status)
  return stripXmlForbiddenDeep({
    $schema: PUBLISH_SCHEMA_ID,
    format: 'copydesk-publish',
    formatVersion: PUBLISH_FORMAT_VERSION,
    final,
    ...(final
      ? {}
      : {
          notice: `PREVIEW: not approved for publication (status: ${article.status}).${article.embargoedUntil ? ` EMBARGOED until ${article.embargoedUntil}.` : ''}`,
        }),
    id: article.id,
    slug: article.slug || article.id,
    headline: publication.headline,
    deck: publication.deck,
    summary: publication.summary,
    keyPoints: publication.keyPoints,
    leadImage: publication.leadPicture
      ? publishPicture(publication.leadPicture, options.pictures)
      : null,
    body: { html, blocks },
    dateline: publication.dateline,
    byline: publication.byline,
    credit: publication.credit,
    sources: publication.sources.map((s) =>
      s.url ? { name: s.name, url: s.url } : { name: s.name },
    ),
    tags: publication.tags,
    language: publication.language || options.language || '',
    entities: publication.entities,
    contentCreated: article.contentCreated ?? article.createdAt,
    readingTime: publication.readingTime,
    wordCount: publication.wordCount,
    status: article.status,
    approval: article.approval,
    corrections: readerCorrections(article),
    revision: article.revision,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    publishedAt: article.publishedAt,
    /** Not to be made public before this time (UTC); null: no embargo. */
    embargo: article.embargoedUntil,
    comments: options.comments,
    exportedAt: options.exportedAt,
    generator: options.generator,
  })
}

export type PublishJson = ReturnType<typeof toPublishJson>
