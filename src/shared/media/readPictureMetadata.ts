import { stripXmlForbidden } from '../domain/stripXmlForbidden'
import { PICTURE_TEXT_MAX as MAX, PictureMetadata } from './PictureRecord'

/** The groups of a metadata parser's output (exifr with mergeOutput false): group → tag → value. */
export type MetadataGroups = Record<string, unknown>


/**
 * Caption, credit line, creator and copyright notice from a photo's IPTC Core fields, XMP first (it
 * is Unicode by definition and what current agency tools write) and IPTC-IIM second, EXIF Artist
 * and Copyright last. Alt text comes only from IPTC "Alt Text (Accessibility)"
 * (Iptc4xmpCore:AltTextAccessibility): a caption tells the news, it does not describe the picture
 * for a reader who cannot see it, so it is never copied there.
 */
export function readPictureMetadata(groups: MetadataGroups): PictureMetadata {
  const xmp = (ns: string, tag: string) => text(group(groups, ns)[tag])
  const iim = (tag: string) => iimText(group(groups, 'iptc')[tag])
  const ifd0 = (tag: string) => text(group(groups, 'ifd0')[tag])
  return PictureMetadata.parse({
    caption: fit(xmp('dc', 'description') || iim('Caption'), MAX.caption),
    credit: fit(xmp('photoshop', 'Credit') || iim('Credit'), MAX.credit),
    creator: fit(xmp('dc', 'creator') || iim('Byline') || ifd0('Artist'), MAX.creator),
    copyright: fit(
      xmp('dc', 'rights') || iim('CopyrightNotice') || ifd0('Copyright'),
      MAX.copyright,
    ),
    altText: fit(xmp('Iptc4xmpCore', 'AltTextAccessibility'), MAX.altText),
  })
}

function group(groups: MetadataGroups, name: string): Record<string, unknown> {
  const found = groups[name]
  return found && typeof found === 'object' ? { ...found } : {}
}

/**
 * A tag's text: a plain string, an XMP language alternative ({lang, value}, or a list of them:
 * x-default first, else the first), or a list (several creators) joined with commas.
 */
function text(value: unknown): string {
  if (typeof value === 'string') return clean(value)
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) {
    const alternatives = value.filter(isLanguageAlternative)
    if (alternatives.length > 0)
      return text(alternatives.find((a) => a.lang === 'x-default') ?? alternatives[0])
    return value.map(text).filter(Boolean).join(', ')
  }
  if (isLanguageAlternative(value)) return text(value.value)
  return ''
}

function isLanguageAlternative(value: unknown): value is { lang: unknown; value: unknown } {
  return typeof value === 'object' && value !== null && 'lang' in value && 'value' in value
}

/**
 * IPTC-IIM text as the parser gives it: one character per byte (exifr ignores the envelope's
 * CodedCharacterSet). Agencies write UTF-8 there; bytes that form valid UTF-8 are read as such
 * ("Â©" back to "©"), anything else stays Latin-1, as older IIM writers meant it.
 */
function iimText(value: unknown): string {
  if (Array.isArray(value)) return value.map(iimText).filter(Boolean).join(', ')
  if (typeof value !== 'string') return text(value)
  if (!/[\u0080-\u00ff]/.test(value) || /[\u0100-\uffff]/.test(value)) return clean(value)
  const bytes = Uint8Array.from(value, (char) => char.charCodeAt(0))
  try {
    return clean(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return clean(value)
  }
}

function clean(value: string): string {
  return stripXmlForbidden(value).replace(/\s+/g, ' ').trim()
}

/** Cut to the field's limit, never inside a surrogate pair. */
function fit(value: string, max: number): string {
  if (value.length <= max) return value
  return value.slice(0, max).replace(/[\ud800-\udbff]$/, '')
}
