import { z } from 'zod'
import { PICTURE_FORMATS, type PictureType } from './PictureType'

const EXTENSIONS = Object.values(PICTURE_FORMATS).map((format) => format.ext)
const ID_PATTERN = new RegExp(`^[0-9a-f]{64}\\.(${EXTENSIONS.join('|')})$`)

/**
 * A stored picture file, named after its content: `<sha256 hex>.<ext>`, as it is kept in the data
 * folder's media/ (the same picture in two stories is one file). Originals and renditions alike.
 */
export const MediaId = z
  .string()
  .regex(ID_PATTERN, 'A media id is <sha256>.<jpg|png|webp|gif|avif>')
export type MediaId = z.infer<typeof MediaId>

/** Every media id in a text (a stored article, a revision: whatever its schema version). */
export const MEDIA_ID_IN_TEXT = new RegExp(
  `[0-9a-f]{64}\\.(?:${EXTENSIONS.join('|')})(?![0-9a-z])`,
  'g',
)

export function mediaIdOf(sha256: string, type: PictureType): MediaId {
  return MediaId.parse(`${sha256}.${PICTURE_FORMATS[type].ext}`)
}

/** The hash a media id names. */
export function hashOfMediaId(id: MediaId): string {
  return id.slice(0, 64)
}

/** A file media/ holds: a picture (`<id>`) or its record (`<id>.json`). */
export function isMediaFile(name: string): boolean {
  return ID_PATTERN.test(name) || (name.endsWith('.json') && ID_PATTERN.test(name.slice(0, -5)))
}
