import type { PictureMetadata } from '../../shared/media/PictureRecord'
import { readPictureMetadata } from '../../shared/media/readPictureMetadata'
import { log } from '../log/log'

/** What exifr reads: IPTC-IIM, XMP and the EXIF main directory (Artist, Copyright), by group. */
const OPTIONS = {
  mergeOutput: false,
  iptc: true,
  xmp: true,
  tiff: true,
  ifd0: { pick: ['Artist', 'Copyright'] },
  exif: false,
  gps: false,
  interop: false,
  ifd1: false,
  icc: false,
  jfif: false,
  ihdr: false,
  makerNote: false,
  userComment: false,
}

/** Loaded with the first picture, not at start (about 0.1 s here). */
let exifr: Promise<typeof import('exifr').default> | undefined

const EMPTY: PictureMetadata = { caption: '', credit: '', creator: '', copyright: '', altText: '' }

/**
 * The newsroom metadata of a picture (see readPictureMetadata). A picture whose metadata cannot be
 * read is still a picture: its fields come back empty and the log says why.
 */
export async function readMetadata(data: Uint8Array): Promise<PictureMetadata> {
  try {
    exifr ??= import('exifr').then((module) => module.default)
    const groups: unknown = await (await exifr).parse(data, OPTIONS)
    if (!groups || typeof groups !== 'object') return { ...EMPTY }
    return readPictureMetadata({ ...groups })
  } catch (error) {
    log.warn('media', 'Could not read the metadata of a picture; its fields are left empty', error)
    return { ...EMPTY }
  }
}
