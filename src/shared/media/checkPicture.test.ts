import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DESK_SETTINGS } from '../domain/DeskSettings'
import { checkPicture, checkPictureBytes } from './checkPicture'
import { pictureLimitsOf } from './PictureLimits'

const limits = pictureLimitsOf(DEFAULT_DESK_SETTINGS)
const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '../../../tests/fixtures/media', name)))
const text = (value: string) => new TextEncoder().encode(value)
const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...text(part)] : part)))
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff]

/** A PNG that is only a header: signature, IHDR declaring `width` × `height`, IEND. */
function pngHeader(width: number, height: number): Uint8Array {
  const ihdr = [...be32(width), ...be32(height), 8, 2, 0, 0, 0]
  return bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    be32(13),
    'IHDR',
    ihdr,
    [0, 0, 0, 0],
    be32(0),
    'IEND',
    [0xae, 0x42, 0x60, 0x82],
  )
}

/** A JPEG that is only markers: SOI, a baseline frame header of `width` × `height`, a scan, EOI. */
function jpegHeader(width: number, height: number): Uint8Array {
  return bytes(
    [0xff, 0xd8],
    [0xff, 0xc0],
    be16(11),
    [8],
    be16(height),
    be16(width),
    [1, 1, 0x11, 0],
    [0xff, 0xda],
    be16(8),
    [1, 1, 0, 0, 0x3f, 0],
    [0x12, 0x34, 0xff, 0x00, 0x56],
    [0xff, 0xd9],
  )
}

describe('checkPicture: the kind comes from the bytes', () => {
  it.each([
    ['small.jpg', 'jpeg'],
    ['small.png', 'png'],
    ['small.webp', 'webp'],
    ['small-lossless.webp', 'webp'],
    ['small-alpha.webp', 'webp'],
    ['small.gif', 'gif'],
    ['small.avif', 'avif'],
  ])('takes %s as %s, 6 × 4 pixels from its header', (name, type) => {
    expect(checkPicture(fixture(name), limits, name)).toEqual({
      ok: true,
      type,
      width: 6,
      height: 4,
      bytes: fixture(name).length,
    })
  })

  it('takes a PNG named .svg as the PNG it is', () => {
    expect(checkPicture(fixture('small.png'), limits, 'logo.svg')).toMatchObject({
      ok: true,
      type: 'png',
    })
  })

  it('refuses an SVG named .jpg, saying it is an SVG drawing', () => {
    const svg = text(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n' +
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    )
    expect(checkPicture(svg, limits, 'photo.jpg')).toEqual({
      ok: false,
      reason: 'not-a-picture',
      message:
        '“photo.jpg” is an SVG drawing (SVG can carry scripts, so Copydesk does not take it), not a picture Copydesk takes (JPEG, PNG, WebP, GIF or AVIF).',
    })
  })

  it('refuses a web page, saying it is one and not the picture on it', () => {
    const page = text(
      '<!DOCTYPE html>\n<html><body><img src="https://agency.example/p.jpg"></body></html>',
    )
    const result = checkPicture(page, limits, 'p.jpg')
    expect(result).toMatchObject({ ok: false, reason: 'not-a-picture' })
    expect(result.ok || result.message).toMatch(
      /^“p\.jpg” is a web page \(HTML\), not the picture on it/,
    )
  })

  it('refuses an empty file', () => {
    expect(checkPicture(new Uint8Array(0), limits, 'empty.png')).toEqual({
      ok: false,
      reason: 'empty',
      message: '“empty.png” is empty (0 bytes): there is no picture in it.',
    })
  })

  it.each([
    [bytes('%PDF-1.7\n'), /a PDF document/],
    [bytes(be32(24), 'ftypheic', be32(0), 'mif1heic'), /a HEIC picture/],
    [bytes('II*', [0], be32(8)), /a TIFF picture or a camera raw file/],
    [bytes('BM', [0, 0, 0, 0]), /a BMP picture/],
    [bytes('just some notes\n'), /a text file/],
    [new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 200, 201]), /a file of a kind Copydesk does not know/],
  ])('names what else a file is: %#', (data, what) => {
    const result = checkPicture(data, limits)
    expect(result).toMatchObject({ ok: false, reason: 'not-a-picture' })
    expect(result.ok || result.message).toMatch(what)
  })
})

describe('checkPicture: whole files only', () => {
  it('refuses a truncated JPEG (cut inside its image data), naming the cut', () => {
    const jpeg = fixture('small.jpg')
    const result = checkPicture(jpeg.subarray(0, jpeg.length - 40), limits, 'cut.jpg')
    expect(result).toEqual({
      ok: false,
      reason: 'truncated',
      message:
        '“cut.jpg” is not a whole JPEG picture: the file ends before the end of the picture: it was cut off (an interrupted download or copy).',
    })
  })

  it('refuses a JPEG cut inside its header', () => {
    expect(checkPicture(fixture('small.jpg').subarray(0, 30), limits)).toMatchObject({
      ok: false,
      reason: 'truncated',
    })
  })

  it.each(['small.png', 'small.webp', 'small.gif', 'small.avif'])(
    'refuses %s cut short',
    (name) => {
      const data = fixture(name)
      expect(checkPicture(data.subarray(0, data.length - 5), limits)).toMatchObject({
        ok: false,
        reason: 'truncated',
      })
    },
  )
})

describe('checkPicture: limits before decoding', () => {
  it('refuses a 30,000 × 30,000 pixel PNG bomb from its 45-byte header', () => {
    const bomb = pngHeader(30_000, 30_000)
    expect(bomb.length).toBe(45)
    expect(checkPicture(bomb, limits, 'bomb.png')).toEqual({
      ok: false,
      reason: 'too-many-pixels',
      message:
        "“bomb.png” is 30,000 × 30,000 pixels (900 megapixels), over the desk's limit of 100 megapixels (Desk settings).",
    })
  })

  it('refuses a 30,000 × 30,000 pixel JPEG bomb from its header', () => {
    expect(checkPicture(jpegHeader(30_000, 30_000), limits)).toMatchObject({
      ok: false,
      reason: 'too-many-pixels',
    })
  })

  it('takes the same header at 10,000 × 10,000 (exactly the 100-megapixel limit)', () => {
    expect(checkPicture(pngHeader(10_000, 10_000), limits)).toMatchObject({ ok: true })
    expect(checkPicture(pngHeader(10_000, 10_001), limits)).toMatchObject({ ok: false })
  })

  it('follows the desk setting for the pixel limit', () => {
    const strict = pictureLimitsOf({ ...DEFAULT_DESK_SETTINGS, pictureMaxMegapixels: 1 })
    expect(checkPicture(jpegHeader(1200, 900), strict)).toMatchObject({
      ok: false,
      reason: 'too-many-pixels',
    })
  })

  it('refuses a file over the byte limit before looking at it', () => {
    const small = pictureLimitsOf({ ...DEFAULT_DESK_SETTINGS, pictureMaxMegabytes: 1 })
    expect(checkPicture(new Uint8Array(1_000_001), small, 'big.jpg')).toEqual({
      ok: false,
      reason: 'too-many-bytes',
      message: "“big.jpg” is 1 MB, over the desk's limit of 1 MB for a picture (Desk settings).",
    })
    expect(checkPictureBytes(62_500_000, limits)?.message).toBe(
      "The file is 62.5 MB, over the desk's limit of 50 MB for a picture (Desk settings).",
    )
  })
})
