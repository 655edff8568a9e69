import { z } from 'zod'
import { MediaId } from '../media/MediaId'
import { PICTURE_TEXT_MAX } from '../media/PictureRecord'

/**
 * The picture above a story: the stored original (by media id) and the words that go with it, as
 * the desk edits them (prefilled from the photo's IPTC/XMP on import). Alt text describes the
 * picture for readers who cannot see it; it is never the caption.
 */
export const LeadPicture = z.object({
  mediaId: MediaId,
  caption: z.string().trim().max(PICTURE_TEXT_MAX.caption),
  credit: z.string().trim().max(PICTURE_TEXT_MAX.credit),
  creator: z.string().trim().max(PICTURE_TEXT_MAX.creator),
  copyright: z.string().trim().max(PICTURE_TEXT_MAX.copyright),
  altText: z.string().trim().max(PICTURE_TEXT_MAX.altText),
})
export type LeadPicture = z.infer<typeof LeadPicture>
