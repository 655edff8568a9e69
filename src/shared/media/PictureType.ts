import { z } from 'zod'

/** The kinds of picture Copydesk takes: what browsers, CMSs and the rendition library all read. */
export const PictureType = z.enum(['jpeg', 'png', 'webp', 'gif', 'avif'])
export type PictureType = z.infer<typeof PictureType>

/** The file name extension and content type each kind is stored and sent with. */
export const PICTURE_FORMATS: Record<PictureType, { ext: string; mime: string; name: string }> = {
  jpeg: { ext: 'jpg', mime: 'image/jpeg', name: 'JPEG' },
  png: { ext: 'png', mime: 'image/png', name: 'PNG' },
  webp: { ext: 'webp', mime: 'image/webp', name: 'WebP' },
  gif: { ext: 'gif', mime: 'image/gif', name: 'GIF' },
  avif: { ext: 'avif', mime: 'image/avif', name: 'AVIF' },
}

/** "JPEG, PNG, WebP, GIF or AVIF", for messages. */
export const ACCEPTED_PICTURE_NAMES = 'JPEG, PNG, WebP, GIF or AVIF'

/** The pixel size a file's header declares. */
export type PixelSize = { width: number; height: number }
