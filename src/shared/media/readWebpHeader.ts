import { Bytes, PictureHeaderError, truncated } from './PictureHeaderError'
import type { PixelSize } from './PictureType'

/**
 * A WebP's pixel size from its first chunk (VP8X canvas, VP8 key frame or VP8L header), and proof
 * that it is whole: the RIFF container's announced size fits in the file.
 */
export function readWebpHeader(data: Uint8Array): PixelSize {
  const bytes = new Bytes(data)
  if (bytes.u32le(4) + 8 > bytes.length) throw truncated()
  const chunk = bytes.ascii(12, 4)
  let size: PixelSize
  if (chunk === 'VP8X') size = { width: bytes.u24le(24) + 1, height: bytes.u24le(27) + 1 }
  else if (chunk === 'VP8 ') {
    if (bytes.u8(23) !== 0x9d || bytes.u8(24) !== 0x01 || bytes.u8(25) !== 0x2a)
      throw malformed('its lossy frame has no start code')
    size = { width: bytes.u16le(26) & 0x3fff, height: bytes.u16le(28) & 0x3fff }
  } else if (chunk === 'VP8L') {
    if (bytes.u8(20) !== 0x2f) throw malformed('its lossless header has no signature')
    const bits = bytes.u32le(21)
    size = { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  } else throw malformed(`its first chunk is "${chunk}", not an image`)
  if (size.width === 0 || size.height === 0) throw malformed('it gives a size of 0 pixels')
  return size
}

function malformed(detail: string): PictureHeaderError {
  return new PictureHeaderError('malformed', `it starts like a WebP but ${detail}`)
}
