import { z } from 'zod'
import { ArticleId, ArticleStatus, EditableFields } from '../domain/Article'

/** Longest text kept for a not-placed item (a caption, a standfirst line, a note to editors). */
export const UNPLACED_TEXT_MAX = 5000

/** Copy the importer found but could not place: the editor assigns it to a field or drops it. */
export const Unplaced = z.object({
  /** A line of copy, a photo caption, or a note to editors (never reader-facing unless placed). */
  kind: z.enum(['text', 'caption', 'note']),
  text: z.string().max(UNPLACED_TEXT_MAX),
  /** For a photo caption: the image it belongs to (the feed's URI or link), and the photo credit. */
  image: z.string().max(1000).optional(),
  credit: z.string().max(300).optional(),
})
export type Unplaced = z.infer<typeof Unplaced>

/** An agency kill or withdrawal: never a story to publish, a warning about an earlier one. */
export const KillNotice = z.object({
  reason: z.string().max(2000),
  /** The earlier story as the feed names it. */
  uri: z.string().max(1000).optional(),
  headline: z.string().max(500).optional(),
  /** The earlier story on this desk, when the import found it (by the feed's URI, else by headline). */
  earlier: z.object({ id: ArticleId, headline: z.string(), status: ArticleStatus }).optional(),
})
export type KillNotice = z.infer<typeof KillNotice>

/** What an import proposes; the editor reviews it before an article is created. */
export const ImportProposal = z.object({
  format: z.enum(['wire-text', 'ninjs', 'copydesk-publish', 'html', 'plain-text']),
  fields: EditableFields,
  /** What the parser noticed: parts it left out, guesses it made, why it fell back to plain text. */
  messages: z.array(z.string()),
  unplaced: z.array(Unplaced).default([]),
  kill: KillNotice.nullable().default(null),
})
export type ImportProposal = z.infer<typeof ImportProposal>
