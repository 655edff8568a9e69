import { z } from 'zod'
import { MediaId } from './MediaId'
import { PictureType } from './PictureType'

/** A file made from an original for readers: the web rendition or the thumbnail. */
export const Rendition = z.object({
  name: z.enum(['web', 'thumbnail']),
  id: MediaId,
  type: PictureType,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
})
export type Rendition = z.infer<typeof Rendition>

/** The longest text kept in each metadata field. */
export const PICTURE_TEXT_MAX = {
  caption: 5000,
  credit: 500,
  creator: 500,
  copyright: 1000,
  altText: 2000,
} as const

/** What the newsroom metadata of a photo says (IPTC, XMP), read on import; empty when absent. */
export const PictureMetadata = z.object({
  caption: z.string().max(PICTURE_TEXT_MAX.caption).default(''),
  credit: z.string().max(PICTURE_TEXT_MAX.credit).default(''),
  creator: z.string().max(PICTURE_TEXT_MAX.creator).default(''),
  copyright: z.string().max(PICTURE_TEXT_MAX.copyright).default(''),
  /** IPTC "Alt Text (Accessibility)" only: a caption describes the news, not the picture. */
  altText: z.string().max(PICTURE_TEXT_MAX.altText).default(''),
})
export type PictureMetadata = z.infer<typeof PictureMetadata>

/**
 * What Copydesk knows of one stored original, kept beside it (media/<id>.json): its kind and size,
 * the metadata read from it, and its renditions. The original file itself is never changed.
 */
export const PictureRecord = z.object({
  id: MediaId,
  type: PictureType,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
  importedAt: z.iso.datetime(),
  metadata: PictureMetadata.default(PictureMetadata.parse({})),
  renditions: z.array(Rendition).default([]),
})
export type PictureRecord = z.infer<typeof PictureRecord>
