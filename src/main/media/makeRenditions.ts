import type { PictureMetadata } from '../../shared/media/PictureRecord'
import type { PictureType } from '../../shared/media/PictureType'
import { rightsXmp } from '../../shared/media/rightsXmp'

/** The long edge of the web rendition, and of the thumbnail, in pixels. */
export const WEB_LONG_EDGE = 2048
export const THUMBNAIL_LONG_EDGE = 400
const THUMBNAIL_QUALITY = 70

export type RenditionOptions = {
  /** JPEG/WebP quality of the web rendition (Desk settings, pictureWebQuality). */
  quality: number
  /** The desk's pixel limit, given to the decoder too (the header was checked before). */
  maxPixels: number
  /** What the renditions carry of the original's metadata: only these two, as the desk chooses. */
  keepCopyright: boolean
  keepCredit: boolean
  metadata: PictureMetadata
}

export type RenditionFile = {
  name: 'web' | 'thumbnail'
  type: PictureType
  data: Uint8Array
  width: number
  height: number
}

/**
 * The web rendition (long edge 2,048 px, never enlarged) and the thumbnail of an original, turned
 * upright by its EXIF orientation. sharp (libvips) decodes, resizes and encodes on libuv's thread
 * pool, so none of it runs on the event loop; the original is not touched. Every rendition is
 * written without the original's metadata (no GPS position, no camera or lens serial number, no
 * other EXIF, IPTC or XMP): sharp strips all of it unless told otherwise, and is told to add back
 * only the copyright notice and credit line the desk keeps (XMP dc:rights, photoshop:Credit, and
 * EXIF Copyright, which WordPress reads). Opaque pictures become JPEG, pictures with transparency WebP.
 */
export async function makeRenditions(
  original: Uint8Array,
  options: RenditionOptions,
): Promise<RenditionFile[]> {
  const { default: sharp } = await loadSharp()
  const source = sharp(original, { limitInputPixels: options.maxPixels, pages: 1 }).autoOrient()
  const { hasAlpha } = await source.metadata()
  const type: PictureType = hasAlpha ? 'webp' : 'jpeg'
  const copyright = options.keepCopyright ? options.metadata.copyright : ''
  const credit = options.keepCredit ? options.metadata.credit : ''
  const make = async (
    name: RenditionFile['name'],
    from: ReturnType<typeof sharp>,
    edge: number,
    quality: number,
  ): Promise<RenditionFile> => {
    let image = from.resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
    image = type === 'jpeg' ? image.jpeg({ quality, mozjpeg: true }) : image.webp({ quality })
    if (copyright || credit) image = image.withXmp(rightsXmp({ copyright, credit }))
    if (copyright && isPrintableAscii(copyright))
      image = image.withExif({ IFD0: { Copyright: copyright } })
    const { data, info } = await image.toBuffer({ resolveWithObject: true })
    return { name, type, data: new Uint8Array(data), width: info.width, height: info.height }
  }
  // One after the other, the thumbnail from the web rendition: the large original is decoded once,
  // and on a two-core machine one core stays free for the event loop.
  const web = await make('web', source, WEB_LONG_EDGE, options.quality)
  const thumbnail = await make('thumbnail', sharp(web.data), THUMBNAIL_LONG_EDGE, THUMBNAIL_QUALITY)
  return [web, thumbnail]
}

/**
 * sharp loads libvips (about 0.2 s here): only when a picture comes in, never at the app's or a
 * command's start; and a platform where it cannot load still opens every story.
 */
let sharpModule: Promise<typeof import('sharp')> | undefined
function loadSharp(): Promise<typeof import('sharp')> {
  sharpModule ??= import('sharp')
  return sharpModule
}

/** EXIF text is ASCII; a notice with "©" or other letters goes in the XMP only. */
function isPrintableAscii(value: string): boolean {
  return /^[\u0020-\u007e]*$/.test(value)
}
