import type { PictureType } from './PictureType'

/** What a file's first bytes say it is: a picture kind Copydesk takes, or, in words, what else. */
export type FileIdentity = { picture: PictureType } | { other: string }

const startsWith = (data: Uint8Array, ...signature: number[]) =>
  signature.every((byte, i) => data[i] === byte)
const ascii = (data: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...data.subarray(from, Math.min(to, data.length)))

/**
 * Decides from the bytes, never the name, what a file is. Only the five kinds the whole chain reads
 * (browsers, CMSs, the rendition library) are pictures here; everything else is described for the
 * refusal: a drawing or web page that can carry scripts, another picture format, a document.
 */
export function identifyFile(data: Uint8Array): FileIdentity {
  if (startsWith(data, 0xff, 0xd8, 0xff)) return { picture: 'jpeg' }
  if (startsWith(data, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { picture: 'png' }
  if (/^GIF8[79]a$/.test(ascii(data, 0, 6))) return { picture: 'gif' }
  if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 12) === 'WEBP') return { picture: 'webp' }
  if (ascii(data, 4, 8) === 'ftyp') return isoMedia(data)
  return { other: otherBinary(data) ?? describeText(data) }
}

/** ISO base media files (ftyp): AVIF, or HEIC, a video, a camera raw. */
function isoMedia(data: Uint8Array): FileIdentity {
  const boxEnd = Math.min(
    data.length,
    (data[0] ?? 0) * 2 ** 24 + (data[1] ?? 0) * 2 ** 16 + (data[2] ?? 0) * 256 + (data[3] ?? 0),
  )
  const brands = [ascii(data, 8, 12)]
  for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(data, at, at + 4))
  if (brands.some((brand) => brand === 'avif' || brand === 'avis')) return { picture: 'avif' }
  if (brands.some((brand) => /^(hei[cxms]|hev[cxms]|mif1|msf1)$/.test(brand)))
    return { other: 'a HEIC picture (as iPhones save them); export it as JPEG first' }
  if (brands.includes('crx '))
    return { other: 'a Canon camera raw file (CR3); export it as JPEG first' }
  return { other: 'a video or audio file (MP4, QuickTime)' }
}

function otherBinary(data: Uint8Array): string | null {
  const head = ascii(data, 0, 8)
  if (head.startsWith('II*\u0000') || head.startsWith('MM\u0000*'))
    return 'a TIFF picture or a camera raw file; export it as JPEG first'
  if (head.startsWith('BM')) return 'a BMP picture; export it as PNG or JPEG first'
  if (head.startsWith('8BPS')) return 'a Photoshop document (PSD); export it as JPEG or PNG first'
  if (head.startsWith('%PDF-')) return 'a PDF document'
  if (startsWith(data, 0xff, 0x0a) || ascii(data, 4, 8) === 'JXL ')
    return 'a JPEG XL picture; export it as JPEG first'
  if (startsWith(data, 0x00, 0x00, 0x01, 0x00)) return 'an icon file (ICO)'
  if (head.startsWith('PK\u0003\u0004')) return 'a ZIP archive (or an Office document)'
  if (startsWith(data, 0x1f, 0x8b)) return 'a compressed (gzip) file'
  if (head.startsWith('RIFF')) return 'a RIFF file (sound or video), not a WebP picture'
  return null
}

/** Drawings and pages first: both can carry scripts, so they are named as what they are. */
function describeText(data: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(data.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
  const start = text
    .replace(/^\s*(<\?xml[^>]*\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE\s+svg[^>]*>)\s*)*/i, '')
    .slice(0, 200)
  if (/^<svg[\s>]/i.test(start) || /<svg[\s>][\s\S]*http:\/\/www\.w3\.org\/2000\/svg/i.test(text))
    return 'an SVG drawing (SVG can carry scripts, so Copydesk does not take it)'
  if (
    /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body|script|iframe|meta|title|style|div|table|p|a|h1|br|b|font)[\s>]/i.test(
      text,
    )
  )
    return 'a web page (HTML), not the picture on it; save the picture itself'
  if (isMostlyText(data.subarray(0, 4096))) return 'a text file'
  return 'a file of a kind Copydesk does not know'
}

function isMostlyText(head: Uint8Array): boolean {
  let control = 0
  for (const byte of head) if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control += 1
  return head.length > 0 && control / head.length < 0.01
}
