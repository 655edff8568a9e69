import { ARTICLE_SCHEMA_VERSION, type Article, type EditableFields } from './Article'
import { emptyBody } from './DocNode'
import { slugify } from './slugify'

/** Fields of a brand-new article before anything is typed. */
export function blankFields(): EditableFields {
  return {
    headline: '',
    deck: '',
    summary: '',
    keyPoints: { title: 'Key Points', items: [] },
    body: emptyBody(),
    dateline: { place: '', date: null },
    byline: [],
    credit: '',
    sources: [],
    tags: [],
    language: '',
    entities: [],
    contentCreated: null,
    copyrightHolder: '',
    copyrightNotice: '',
    feedItem: null,
    embargoedUntil: null,
  }
}

/** Builds revision 1 of a new article. */
export function newArticle(options: {
  id: string
  author: string
  now: string
  fields?: Partial<EditableFields>
}): Article {
  const fields = { ...blankFields(), ...options.fields }
  return {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id: options.id,
    slug: slugify(fields.headline),
    status: 'draft',
    author: options.author,
    createdAt: options.now,
    updatedAt: options.now,
    revision: 1,
    statusChangedAt: options.now,
    statusNote: null,
    approval: null,
    publishedAt: null,
    corrections: [],
    pendingCorrection: null,
    agencyKill: null,
    scheduledFor: null,
    ...fields,
    leadPicture: fields.leadPicture ?? null,
  }
}
