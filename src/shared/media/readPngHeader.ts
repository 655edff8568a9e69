import { Bytes, PictureHeaderError, truncated } from './PictureHeaderError'
import type { PixelSize } from './PictureType'

/**
 * A PNG's pixel size from IHDR, the first chunk, and proof that the picture is whole: the chunks,
 * each announcing its length, lead to IEND without running past the end of the file.
 */
export function readPngHeader(data: Uint8Array): PixelSize {
  const bytes = new Bytes(data)
  if (bytes.ascii(12, 4) !== 'IHDR') {
    if (bytes.length < 16) throw truncated()
    throw new PictureHeaderError('malformed', 'it starts like a PNG but has no IHDR header')
  }
  const width = bytes.u32be(16)
  const height = bytes.u32be(20)
  if (width === 0 || height === 0)
    throw new PictureHeaderError('malformed', 'its PNG header gives a size of 0 pixels')
  let at = 8
  for (;;) {
    const length = bytes.u32be(at)
    const type = bytes.ascii(at + 4, 4)
    at += 12 + length
    if (at > bytes.length) throw truncated()
    if (type === 'IEND') return { width, height }
  }
}
