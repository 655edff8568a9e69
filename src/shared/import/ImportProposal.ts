import type { ArticleStatus, EditableFields } from '../domain/Article'

/** Copy the importer found but could not place: the editor assigns it to a field or drops it. */
export type Unplaced = {
  kind: 'text' | 'caption'
  text: string
  /** For a photo caption: the image it belongs to (the feed's URI or link), and the photo credit. */
  image?: string | undefined
  credit?: string | undefined
}

/** An agency kill or withdrawal: never a story to publish, a warning about an earlier one. */
export type KillNotice = {
  reason: string
  /** The earlier story as the feed names it. */
  uri?: string | undefined
  headline?: string | undefined
  /** The earlier story on this desk, when the import found it. */
  earlier?: { id: string; headline: string; status: ArticleStatus } | undefined
}

/** What an import proposes; the editor reviews it before an article is created. */
export type ImportProposal = {
  format: 'wire-text' | 'ninjs' | 'html' | 'plain-text'
  fields: EditableFields
  /** What the parser noticed: parts it left out, guesses it made, why it fell back to plain text. */
  messages: string[]
  unplaced: Unplaced[]
  kill: KillNotice | null
}
