import type { DocNode } from '../domain/DocNode'
import type { ImportProposal } from './ImportProposal'

/** Where a not-placed item can go in one click. */
export type PlaceTarget = 'deck' | 'summary' | 'bodyStart' | 'keyPoint' | 'drop'

/**
 * The proposal with not-placed item `index` assigned to a field or dropped. Nothing is lost: a deck
 * it replaces goes back to the not-placed list, a summary is added to, a key point appended.
 */
export function placeUnplaced(
  proposal: ImportProposal,
  index: number,
  target: PlaceTarget,
): ImportProposal {
  const item = proposal.unplaced[index]
  if (!item) return proposal
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
      if (fields.keyPoints.items.length >= 20) return proposal
      fields.keyPoints = { ...fields.keyPoints, items: [...fields.keyPoints.items, text] }
      break
    case 'drop':
      break
  }
  return { ...proposal, fields, unplaced }
}
