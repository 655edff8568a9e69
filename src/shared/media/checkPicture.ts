import { identifyFile } from './identifyFile'
import { PictureHeaderError } from './PictureHeaderError'
import type { PictureLimits } from './PictureLimits'
import {
  ACCEPTED_PICTURE_NAMES,
  PICTURE_FORMATS,
  type PictureType,
  type PixelSize,
} from './PictureType'
import { readAvifHeader } from './readAvifHeader'
import { readGifHeader } from './readGifHeader'
import { readJpegHeader } from './readJpegHeader'
import { readPngHeader } from './readPngHeader'
import { readWebpHeader } from './readWebpHeader'

export type PictureRefusalReason =
  'empty' | 'not-a-picture' | 'truncated' | 'malformed' | 'too-many-bytes' | 'too-many-pixels'

/** A file taken as a picture: its kind from its bytes, its size from its header. */
export type CheckedPicture = { ok: true; type: PictureType; bytes: number } & PixelSize
export type PictureRefusal = { ok: false; reason: PictureRefusalReason; message: string }

const HEADER_READERS: Record<PictureType, (data: Uint8Array) => PixelSize> = {
  jpeg: readJpegHeader,
  png: readPngHeader,
  webp: readWebpHeader,
  gif: readGifHeader,
  avif: readAvifHeader,
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })

/**
 * Whether a file may become a picture of a story, decided from its bytes only (its name may lie):
 * its kind from its signature, its pixel size from its header, the desk's byte and pixel limits,
 * and that the file is whole. Nothing is decoded, so a decompression bomb (a small file declaring
 * 30,000 × 30,000 pixels) is refused before any memory is given to its pixels. `name` is only for
 * the message.
 */
export function checkPicture(
  data: Uint8Array,
  limits: PictureLimits,
  name = 'The file',
): CheckedPicture | PictureRefusal {
  const label = name === 'The file' ? name : `“${name}”`
  const tooBig = checkPictureBytes(data.length, limits, name)
  if (tooBig) return tooBig
  if (data.length === 0)
    return {
      ok: false,
      reason: 'empty',
      message: `${label} is empty (0 bytes): there is no picture in it.`,
    }
  const identity = identifyFile(data)
  if ('other' in identity)
    return {
      ok: false,
      reason: 'not-a-picture',
      message: `${label} is ${identity.other}, not a picture Copydesk takes (${ACCEPTED_PICTURE_NAMES}).`,
    }
  const format = PICTURE_FORMATS[identity.picture].name
  let size: PixelSize
  try {
    size = HEADER_READERS[identity.picture](data)
  } catch (error) {
    if (!(error instanceof PictureHeaderError)) throw error
    return {
      ok: false,
      reason: error.kind,
      message: `${label} is not a whole ${format} picture: ${error.message}.`,
    }
  }
  const pixels = size.width * size.height
  if (pixels > limits.maxPixels)
    return {
      ok: false,
      reason: 'too-many-pixels',
      message:
        `${label} is ${number.format(size.width)} × ${number.format(size.height)} pixels ` +
        `(${number.format(pixels / 1_000_000)} megapixels), over the desk's limit of ` +
        `${number.format(limits.maxPixels / 1_000_000)} megapixels (Desk settings).`,
    }
  return { ok: true, type: identity.picture, bytes: data.length, ...size }
}

/**
 * The byte limit alone, for a caller that knows a file's size before reading it (a file on disk, a
 * download's Content-Length): a file over the limit is never read into memory.
 */
export function checkPictureBytes(
  bytes: number,
  limits: PictureLimits,
  name = 'The file',
): PictureRefusal | null {
  if (bytes <= limits.maxBytes) return null
  const label = name === 'The file' ? name : `“${name}”`
  return {
    ok: false,
    reason: 'too-many-bytes',
    message: `${label} is ${number.format(bytes / 1_000_000)} MB, over the desk's limit of ${number.format(limits.maxBytes / 1_000_000)} MB for a picture (Desk settings).`,
  }
}
