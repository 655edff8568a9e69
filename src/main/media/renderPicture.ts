import type { PictureMetadata } from '../../shared/media/PictureRecord'
import { makeRenditions, type RenditionFile, type RenditionOptions } from './makeRenditions'
import { readMetadata } from './readMetadata'

/** What the rendering of a picture takes besides its bytes: the desk's rendition settings. */
export type RenderOptions = Omit<RenditionOptions, 'metadata'>

/** A picture's newsroom metadata and its renditions (see readMetadata and makeRenditions). */
export type RenderedPicture = { metadata: PictureMetadata; files: RenditionFile[] }

/**
 * The CPU work of an import, the same on whichever thread runs it: the metadata read (exifr), then
 * the renditions (sharp), which keep only the copyright and credit the desk chooses of it.
 */
export async function renderPicture(
  data: Uint8Array,
  options: RenderOptions,
): Promise<RenderedPicture> {
  const metadata = await readMetadata(data)
  const files = await makeRenditions(data, { ...options, metadata })
  return { metadata, files }
}
