import type { KeyPoints } from '../../shared/domain/Article'
import type { FoundDateline } from '../../shared/import/HtmlBody'
import type { Unplaced } from '../../shared/import/ImportProposal'

/** What reading a feed's markup took out of the body, for the proposal. */
export type FeedMarkup = {
  keyPoints: KeyPoints | null
  dateline: FoundDateline | null
  unplaced: Unplaced[]
  agency: string
  notes: string[]
}

/** Text with its runs of white space as single spaces. */
export function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim()
}

/** The image a caption belongs to: the feed's URI for it, else its link. */
export function imageRef(img: Element | null | undefined): string | undefined {
  if (!img) return undefined
  const ref =
    img.getAttribute('data-uri') ??
    img.getAttribute('uri') ??
    img.getAttribute('src') ??
    img.getAttribute('data-src')
  return ref && /^(?:https?|urn|tag):/i.test(ref.trim()) ? ref.trim().slice(0, 1000) : undefined
}
