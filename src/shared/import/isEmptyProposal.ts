import { docText } from '../domain/countWords'
import type { ImportProposal } from './ImportProposal'

/** Nothing a desk could work on: no headline, no text, nothing to place, and no kill to warn of. */
export function isEmptyProposal(proposal: ImportProposal): boolean {
  const f = proposal.fields
  return (
    !proposal.kill &&
    !f.headline.trim() &&
    !f.summary.trim() &&
    !f.deck.trim() &&
    f.keyPoints.items.length === 0 &&
    !docText(f.body).trim() &&
    proposal.unplaced.length === 0
  )
}
