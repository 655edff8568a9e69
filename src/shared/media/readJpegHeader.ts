import { Bytes, PictureHeaderError, truncated } from './PictureHeaderError'
import type { PixelSize } from './PictureType'

/** Start-of-frame markers: every one but DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
/** Markers without a length: RST0-7, TEM. */
const isStandalone = (marker: number) => (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01

/**
 * A JPEG's pixel size from its frame header, walking the segments (an EXIF thumbnail inside APP1 is
 * skipped whole, never taken for the picture), and proof that the picture is whole: the image data
 * after the first scan ends with the end-of-image marker. Byte stuffing means FF D9 cannot occur
 * inside compressed data, so any FF D9 after the scan starts is the end.
 */
export function readJpegHeader(data: Uint8Array): PixelSize {
  const bytes = new Bytes(data)
  let at = 2
  let size: PixelSize | null = null
  for (;;) {
    if (at >= bytes.length) throw truncated()
    if (bytes.u8(at) !== 0xff) throw malformed(`no segment marker at byte ${at}`)
    let marker = bytes.u8(at + 1)
    // Any number of FF fill bytes may stand before a marker.
    while (marker === 0xff) {
      at += 1
      marker = bytes.u8(at + 1)
    }
    if (isStandalone(marker)) {
      at += 2
      continue
    }
    if (marker === 0xd9) throw malformed('it ends before any image data')
    const length = bytes.u16be(at + 2)
    if (length < 2) throw malformed(`a segment at byte ${at} has no length`)
    if (isStartOfFrame(marker)) {
      const height = bytes.u16be(at + 5)
      const width = bytes.u16be(at + 7)
      if (width === 0) throw malformed('its frame header gives no width')
      // A height of 0 is legal (given later by a DNL segment) but no camera or editor writes one,
      // and it would let the pixel count go unchecked before decoding.
      if (height === 0) throw malformed('its frame header gives no height')
      size = { width, height }
    }
    const next = at + 2 + length
    if (marker === 0xda) {
      if (!size) throw malformed('its image data comes before its frame header')
      if (!hasEndMarker(data, next)) throw truncated()
      return size
    }
    if (next > bytes.length) throw truncated()
    at = next
  }
}

function hasEndMarker(data: Uint8Array, from: number): boolean {
  // From the end: a whole file ends with it (or has a little trailing data after it), so this costs
  // a few steps where a scan from the start walked every FF of 50 MB of image data.
  for (let i = data.lastIndexOf(0xd9); i > from; i = data.lastIndexOf(0xd9, i - 1))
    if (data[i - 1] === 0xff) return true
  return false
}

function malformed(detail: string): PictureHeaderError {
  return new PictureHeaderError('malformed', `it starts like a JPEG but ${detail}`)
}
