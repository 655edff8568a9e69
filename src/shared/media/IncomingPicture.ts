import { z } from 'zod'
import { PICTURE_TEXT_MAX } from './PictureRecord'

/** An https address a picture may be downloaded from (never http, data: or file:). */
export const HttpsUrl = z.url({ protocol: /^https$/ }).max(2000)

/**
 * A picture an agency item associates with the story (ninjs `associations`), read on import and
 * kept with the article until the desk chooses to download it: where from (the best rendition's
 * https link) and the agency's words.
 */
export const IncomingPicture = z.object({
  /** The association's name in the feed (`featureimage`, `a001`, `picture1`). */
  name: z.string().trim().max(200),
  /** The agency's identifier of the picture, when it gives one. */
  uri: z.string().trim().max(1000).optional(),
  href: HttpsUrl,
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  caption: z.string().trim().max(PICTURE_TEXT_MAX.caption),
  credit: z.string().trim().max(PICTURE_TEXT_MAX.credit),
  creator: z.string().trim().max(PICTURE_TEXT_MAX.creator),
  copyright: z.string().trim().max(PICTURE_TEXT_MAX.copyright),
  altText: z.string().trim().max(PICTURE_TEXT_MAX.altText),
})
export type IncomingPicture = z.infer<typeof IncomingPicture>
