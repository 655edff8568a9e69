import { Bytes, PictureHeaderError, truncated } from './PictureHeaderError'
import type { PixelSize } from './PictureType'

/**
 * A GIF's pixel size: its logical screen, or a larger frame inside it (a decoder allocates the
 * larger), and proof that it is whole: the blocks lead to the trailer (3B) within the file.
 */
export function readGifHeader(data: Uint8Array): PixelSize {
  const bytes = new Bytes(data)
  let width = bytes.u16le(6)
  let height = bytes.u16le(8)
  const flags = bytes.u8(10)
  let at = 13 + colourTableSize(flags)
  for (;;) {
    const block = bytes.u8(at)
    if (block === 0x3b) break
    if (block === 0x21) at = skipSubBlocks(bytes, at + 2)
    else if (block === 0x2c) {
      width = Math.max(width, bytes.u16le(at + 1) + bytes.u16le(at + 5))
      height = Math.max(height, bytes.u16le(at + 3) + bytes.u16le(at + 7))
      at = skipSubBlocks(bytes, at + 10 + colourTableSize(bytes.u8(at + 9)) + 1)
    } else
      throw new PictureHeaderError(
        'malformed',
        `it starts like a GIF but byte ${at} is not a block`,
      )
  }
  if (width === 0 || height === 0)
    throw new PictureHeaderError('malformed', 'its GIF header gives a size of 0 pixels')
  return { width, height }
}

function colourTableSize(flags: number): number {
  return flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0
}

function skipSubBlocks(bytes: Bytes, from: number): number {
  let at = from
  for (let size = bytes.u8(at); size !== 0; size = bytes.u8(at)) at += size + 1
  if (at >= bytes.length) throw truncated()
  return at + 1
}
