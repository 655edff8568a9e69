import type { EditableFields } from '../domain/Article'

/** What an import proposes; the editor reviews it before an article is created. */
export type ImportProposal = {
  format: 'wire-text' | 'ninjs' | 'html' | 'plain-text'
  fields: EditableFields
  /** What the parser noticed: parts it left out, guesses it made, why it fell back to plain text. */
  messages: string[]
}
