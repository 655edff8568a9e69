import type { Entity } from '../domain/Article'
import type { LeadPicture } from '../domain/LeadPicture'
/** A run of text with its formatting, as a reader sees it. */
export type Inline =
  | { type: 'text'; text: string; bold?: boolean; italic?: boolean; href?: string }
  | { type: 'break' }

/** A body block in reading order; what the preview shows and what a CMS can render natively. */
export type Block =
  | { type: 'paragraph'; content: Inline[]; dateline?: string }
  | { type: 'heading'; level: number; content: Inline[] }
  | { type: 'list'; ordered: boolean; items: Block[][] }
  | { type: 'quote'; content: Block[] }
  | { type: 'pullQuote'; text: Inline[]; attribution: string }

/**
 * A picture in the body (the editor's figure node, a top-level block): the stored original by
 * media id and the words that go with it, the same as the lead picture's.
 */
export type Figure = { type: 'figure' } & LeadPicture

/** The body in reading order with its figures; `Publication.blocks` is the same without them. */
export type BodyBlock = Block | Figure

/** An article laid out for readers: the one mapping behind the preview and every export. */
export type Publication = {
  headline: string
  summary: string
  keyPoints: { title: string; items: string[] }
  readingTime: { minutes: number; label: string }
  wordCount: number
  deck: string
  dateline: { place: string; date: string | null; text: string }
  byline: string[]
  credit: string
  sources: { name: string; url?: string | undefined }[]
  tags: string[]
  /** BCP 47 language of the story; '' means the desk's default (DeskSettings.language). */
  language: string
  entities: Entity[]
  blocks: Block[]
  /**
   * The blocks with the body's figures in place, and the lead picture: present only when the story
   * has them, so a story without pictures lays out (and keys its CMS pushes) as it did before.
   */
  body?: BodyBlock[]
  leadPicture?: LeadPicture
}
