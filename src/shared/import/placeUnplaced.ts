import { EditableFields } from '../domain/Article'
import type { DocNode } from '../domain/DocNode'
import type { ImportProposal } from './ImportProposal'

/** Where a not-placed item can go in one click. */
export type PlaceTarget = 'deck' | 'summary' | 'bodyStart' | 'keyPoint' | 'drop'

const count = new Intl.NumberFormat('en')
const DECK_MAX = EditableFields.shape.deck.maxLength ?? 1000
const SUMMARY_MAX = EditableFields.shape.summary.maxLength ?? 5000
const KEY_POINT_MAX = EditableFields.shape.keyPoints.shape.items.element.maxLength ?? 500
/** KeyPoints.items holds at most this many (Article.ts). */
const KEY_POINTS_MAX = 20

/**
 * Why not-placed item `index` cannot go to `target`, or null when it can: the article's own limits
 * (a deck of 1,000 characters, a summary of 5,000, 20 key points of 500), so a placement never
 * makes an article the store refuses.
 */
export function placementProblem(
  proposal: ImportProposal,
  index: number,
  target: PlaceTarget,
): string | null {
  const text = proposal.unplaced[index]?.text.trim() ?? ''
  const length = text.length
  switch (target) {
    case 'deck':
      return length > DECK_MAX
        ? `Too long for the deck: ${count.format(length)} characters, the deck holds ${count.format(DECK_MAX)}.`
        : null
    case 'summary': {
      const total = [proposal.fields.summary.trim(), text].filter(Boolean).join(' ').length
      return total > SUMMARY_MAX
        ? `Too long for the summary: it would be ${count.format(total)} characters, the summary holds ${count.format(SUMMARY_MAX)}.`
        : null
    }
    case 'keyPoint':
      if (proposal.fields.keyPoints.items.length >= KEY_POINTS_MAX)
        return `The key points box is full: it holds ${KEY_POINTS_MAX} points.`
      return length > KEY_POINT_MAX
        ? `Too long for a key point: ${count.format(length)} characters, a key point holds ${count.format(KEY_POINT_MAX)}.`
        : null
    default:
      return null
  }
}

/**
 * The proposal with not-placed item `index` assigned to a field or dropped. Nothing is lost: a deck
 * it replaces goes back to the not-placed list, a summary is added to, a key point appended, and
 * a placement the field cannot hold (placementProblem) changes nothing.
 */
export function placeUnplaced(
  proposal: ImportProposal,
  index: number,
  target: PlaceTarget,
): ImportProposal {
  const item = proposal.unplaced[index]
  if (!item || placementProblem(proposal, index, target)) return proposal
  const unplaced = proposal.unplaced.filter((_, i) => i !== index)
  const fields = { ...proposal.fields }
  const text = item.text.trim()
  switch (target) {
    case 'deck':
      if (fields.deck.trim()) unplaced.unshift({ kind: 'text', text: fields.deck })
      fields.deck = text
      break
    case 'summary':
      fields.summary = [fields.summary.trim(), text].filter(Boolean).join(' ')
      break
    case 'bodyStart': {
      const lead: DocNode = { type: 'paragraph', content: [{ type: 'text', text }] }
      const blocks = (fields.body.content ?? []).filter(
        (node) => !(node.type === 'paragraph' && !node.content?.length),
      )
      fields.body = { ...fields.body, content: [lead, ...blocks] }
      break
    }
    case 'keyPoint':
      fields.keyPoints = { ...fields.keyPoints, items: [...fields.keyPoints.items, text] }
      break
    case 'drop':
      break
  }
  return { ...proposal, fields, unplaced }
}
