import type { KeyPoints } from '../domain/Article'
import type { BodyDoc } from '../domain/DocNode'
import type { Unplaced } from './ImportProposal'

/** A dateline Copydesk marked in its own export: as written, and the place and date it carries. */
export type FoundDateline = {
  text: string
  /** `data-place`, when the export wrote it (older exports did not). */
  place: string | null
  /** `data-date` (YYYY-MM-DD), when the export wrote it. */
  date: string | null
}

/** An HTML body read for an article: the body, and what was taken out of it on the way. */
export type HtmlBody = {
  body: BodyDoc
  /** A Key Points box Copydesk marked in its own export (`data-copydesk="key-points"`). */
  keyPoints: KeyPoints | null
  /** A dateline Copydesk marked in its own export (`data-copydesk="dateline"`). */
  dateline: FoundDateline | null
  /** Photo captions and the like, kept aside with their image reference. */
  unplaced: Unplaced[]
  /** The agency named in a feed's own markup (TT's `<span class="source">TT</span>`). */
  agency: string
  notes: string[]
}

/** Reads feed HTML into an HtmlBody; main provides it (it needs a DOM). */
export type HtmlToBody = (html: string, options?: { headline?: string }) => HtmlBody
