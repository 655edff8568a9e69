import { z } from 'zod'
import { asUri } from './asUri'
import { BodyDoc } from './DocNode'
import { IncomingPicture } from '../media/IncomingPicture'
import { LeadPicture } from './LeadPicture'

/** Bumped whenever the stored shape changes; old files are migrated on read. */
export const ARTICLE_SCHEMA_VERSION = 1

export const ArticleId = z.uuid({ message: 'Article id must be a UUID' })
export type ArticleId = z.infer<typeof ArticleId>

export const ArticleStatus = z.enum([
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'published',
  'corrected',
  'killed',
  'spiked',
])
export type ArticleStatus = z.infer<typeof ArticleStatus>

export const HttpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value), {
    message: 'Only http(s) links are accepted',
  })
  // Kept as the URL standard writes it (lower-case scheme and host), which the publish schemas accept.
  .overwrite((value) => (URL.canParse(value) ? new URL(value).href : value))

/** The longest source name and link kept; the fields stop there and a check names any longer. */
export const SOURCE_NAME_MAX = 300
export const SOURCE_LINK_MAX = 2000

/**
 * A cited source. A name may be empty while its link is filled in (kept, flagged and blocking
 * submission until named, never exported nameless); a row with neither is not a source.
 */
export const Source = z
  .object({
    name: z.string().trim().max(SOURCE_NAME_MAX),
    url: HttpUrl.max(SOURCE_LINK_MAX).optional(),
    /** A link as typed that is not http(s): kept so it stays flagged until fixed; never exported. */
    invalidUrl: z.string().max(SOURCE_LINK_MAX).optional(),
  })
  .refine((source) => !(source.url !== undefined && source.invalidUrl !== undefined), {
    message: 'A source has either a link or a refused link, not both',
  })
  .refine((source) => source.name || source.url || source.invalidUrl?.trim(), {
    message: 'A source needs a name or a link',
  })
export type Source = z.infer<typeof Source>

export const KeyPoints = z.object({
  title: z.string().max(300),
  items: z.array(z.string().max(500)).max(20),
})
export type KeyPoints = z.infer<typeof KeyPoints>

const IsoDate = z.iso.date({ message: 'Dates are written YYYY-MM-DD' })

export const Dateline = z.object({
  place: z.string().max(120),
  date: IsoDate.nullable(),
})
export type Dateline = z.infer<typeof Dateline>

/**
 * A URI as ninjs and the feeds carry it: absolute, ASCII, no spaces (Wikidata, cv.iptc.org, an
 * agency's own). An IRI is stored as its percent-encoded URI ("…/Zürich" as "…/Z%C3%BCrich").
 */
export const EntityUri = z
  .string()
  .trim()
  .max(1000)
  .transform((value) => asUri(value) ?? value)
  .refine((value) => asUri(value) === value, {
    message:
      'A URI is absolute (http://…, urn:…) and has no spaces or characters such as < > " { } |',
  })

/** Who or what a story is about, as the feed tagged it: kept on import and exported again. */
export const Entity = z.object({
  kind: z.enum(['place', 'person', 'organisation', 'subject']),
  name: z.string().trim().min(1, 'An entity needs a name').max(300),
  uri: EntityUri.optional(),
  /** The feed's relation (IPTC: about, mentions, located...), kept as given. */
  rel: z.string().trim().max(100).optional(),
  /** A code without a URI, ninjs `literal` (e.g. a subject code "04011000"). */
  code: z.string().trim().max(100).optional(),
})
export type Entity = z.infer<typeof Entity>

/** A BCP 47 tag ("en", "nb-NO", "zh-Hant"); '' means the desk's default language. */
export const LanguageTag = z
  .string()
  .trim()
  .max(35)
  .regex(
    /^(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)?$/,
    'A language is a BCP 47 tag such as en or nb-NO',
  )

/** The agency item an article was imported from, so a later kill or update can find it. */
export const FeedItem = z.object({
  uri: z.string().trim().min(1).max(1000),
  version: z.string().trim().max(50).optional(),
  /** The item's pictures (ninjs associations), waiting for the desk to download one (issue 16). */
  pictures: z.array(IncomingPicture).max(20).optional(),
})
export type FeedItem = z.infer<typeof FeedItem>

/** The parts of an article an editor changes by typing; status and bookkeeping are not here. */
export const EditableFields = z.object({
  headline: z.string().max(500),
  deck: z.string().max(1000),
  summary: z.string().max(5000),
  keyPoints: KeyPoints,
  body: BodyDoc,
  dateline: Dateline,
  byline: z.array(z.string().trim().min(1).max(200)).max(20),
  credit: z.string().max(200),
  sources: z.array(Source).max(100),
  tags: z.array(z.string().trim().min(1).max(80)).max(50),
  language: LanguageTag,
  entities: z.array(Entity).max(200),
  /** When the content was written (the feed's contentCreated), not when Copydesk made the file. */
  contentCreated: z.iso.datetime({ offset: true }).nullable(),
  copyrightHolder: z.string().trim().max(300),
  copyrightNotice: z.string().trim().max(1000),
  feedItem: FeedItem.nullable(),
  /**
   * The embargo (an agency's, or the desk's): the story may be edited, submitted and approved, but
   * not made public before this time. Changing or lifting it is a desk chief's (WorkflowService).
   */
  embargoedUntil: z.iso.datetime({ offset: true }).nullable(),
  /** The picture above the story (issue 16); optional here so a save that does not send it keeps it. */
  leadPicture: LeadPicture.nullable().optional(),
})
export type EditableFields = z.infer<typeof EditableFields>

/** An agency's kill of the story this article was imported from, recorded when the kill arrived. */
export const AgencyKill = z.object({
  at: z.iso.datetime(),
  reason: z.string().max(2000),
  /** The agency item the kill names. */
  uri: z.string().max(1000).optional(),
  /** The desk chief who read it and decided; until then the story cannot be submitted or approved. */
  acknowledged: z.object({ by: z.string(), at: z.iso.datetime() }).nullable().default(null),
})
export type AgencyKill = z.infer<typeof AgencyKill>

export const Approval = z.object({ by: z.string(), at: z.iso.datetime() })
export type Approval = z.infer<typeof Approval>

export const Correction = z.object({ by: z.string(), at: z.iso.datetime(), note: z.string() })
export type Correction = z.infer<typeof Correction>

export const Article = EditableFields.extend({
  schemaVersion: z.literal(ARTICLE_SCHEMA_VERSION),
  id: ArticleId,
  slug: z.string().max(200),
  status: ArticleStatus,
  author: z.string().max(200),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  revision: z.number().int().min(1),
  // Workflow bookkeeping; defaults let files written before the workflow existed load as they are.
  statusChangedAt: z.iso.datetime().nullable().default(null),
  /** The note of the last state change (why the desk sent it back), with who and when. */
  statusNote: z
    .object({ by: z.string(), at: z.iso.datetime(), text: z.string() })
    .nullable()
    .default(null),
  approval: Approval.nullable().default(null),
  publishedAt: z.iso.datetime().nullable().default(null),
  corrections: z.array(Correction).default([]),
  /**
   * The correction note for readers a desk chief wrote when pushing a story published before; it
   * travels with the push and becomes a correction when the CMS confirms the post is live.
   */
  pendingCorrection: Correction.nullable().default(null),
  // Added with agency import. The defaults live here, not on EditableFields: a partial save must
  // leave a field it does not send alone, and zod fills a default even inside .partial().
  language: EditableFields.shape.language.default(''),
  entities: EditableFields.shape.entities.default([]),
  contentCreated: EditableFields.shape.contentCreated.default(null),
  copyrightHolder: EditableFields.shape.copyrightHolder.default(''),
  copyrightNotice: EditableFields.shape.copyrightNotice.default(''),
  feedItem: EditableFields.shape.feedItem.default(null),
  embargoedUntil: EditableFields.shape.embargoedUntil.default(null),
  agencyKill: AgencyKill.nullable().default(null),
  /** When a desk chief approved it to go live ("approve for 06:00"); UTC, set by WorkflowService. */
  scheduledFor: z.iso.datetime({ offset: true }).nullable().default(null),
  // Added with pictures (issue 16): a story stored before has none.
  leadPicture: LeadPicture.nullable().default(null),
})
export type Article = z.infer<typeof Article>

/** What the article list shows; kept in the store's index so the list never opens every article. */
export const ArticleSummary = Article.pick({
  id: true,
  slug: true,
  headline: true,
  status: true,
  author: true,
  createdAt: true,
  updatedAt: true,
  revision: true,
  tags: true,
  statusChangedAt: true,
  statusNote: true,
  feedItem: true,
  embargoedUntil: true,
  scheduledFor: true,
}).extend({ wordCount: z.number().int().min(0) })
export type ArticleSummary = z.infer<typeof ArticleSummary>
