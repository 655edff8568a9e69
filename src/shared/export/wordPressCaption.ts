import type { LeadPicture } from '../domain/LeadPicture'
import { escapeHtml } from './blocksToHtml'

/** A picture's caption in WordPress (media library and image block): the desk's caption, then the credit. */
export function wordPressCaption(picture: Pick<LeadPicture, 'caption' | 'credit'>): string {
  const credit = picture.credit ? `<small class="credit">${escapeHtml(picture.credit)}</small>` : ''
  return [escapeHtml(picture.caption), credit].filter(Boolean).join(' ')
}
