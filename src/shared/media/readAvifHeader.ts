import { Bytes, PictureHeaderError, truncated } from './PictureHeaderError'
import type { PixelSize } from './PictureType'

type Box = { type: string; start: number; end: number }

/**
 * An AVIF's pixel size from its image spatial extents (`ispe` in meta/iprp/ipco), the largest one
 * if there are several (a grid, a thumbnail: the decoder may allocate any), and proof that it is
 * whole: every top-level box fits in the file.
 */
export function readAvifHeader(data: Uint8Array): PixelSize {
  const bytes = new Bytes(data)
  const top = boxes(bytes, 0, bytes.length, true)
  const meta = top.find((box) => box.type === 'meta')
  if (!meta) throw malformed('it has no meta box')
  // meta is a full box: 4 bytes of version and flags before its children.
  const iprp = boxes(bytes, meta.start + 4, meta.end).find((box) => box.type === 'iprp')
  const ipco = iprp && boxes(bytes, iprp.start, iprp.end).find((box) => box.type === 'ipco')
  if (!ipco) throw malformed('it has no item properties')
  let size: PixelSize | null = null
  for (const box of boxes(bytes, ipco.start, ipco.end)) {
    if (box.type !== 'ispe') continue
    const width = bytes.u32be(box.start + 4)
    const height = bytes.u32be(box.start + 8)
    if (!size || width * height > size.width * size.height) size = { width, height }
  }
  if (!size) throw malformed('it gives no image size (ispe)')
  if (size.width === 0 || size.height === 0) throw malformed('it gives a size of 0 pixels')
  return size
}

/** The boxes between `from` and `to`; at the top level, one running past the file is a cut. */
function boxes(bytes: Bytes, from: number, to: number, topLevel = false): Box[] {
  const found: Box[] = []
  let at = from
  while (at + 8 <= to) {
    let size = bytes.u32be(at)
    let header = 8
    if (size === 1) {
      size = bytes.u32be(at + 8) * 2 ** 32 + bytes.u32be(at + 12)
      header = 16
    } else if (size === 0) size = to - at
    if (size < header) throw malformed(`a box at byte ${at} is shorter than its header`)
    const end = at + size
    if (end > to) {
      if (topLevel) throw truncated()
      throw malformed(`a box at byte ${at} runs past the box around it`)
    }
    found.push({ type: bytes.ascii(at + 4, 4), start: at + header, end })
    at = end
  }
  if (topLevel && at < to) throw truncated()
  return found
}

function malformed(detail: string): PictureHeaderError {
  return new PictureHeaderError('malformed', `it starts like an AVIF but ${detail}`)
}
