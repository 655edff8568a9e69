import { PICTURE_TEXT_MAX } from '../media/PictureRecord'
import { IncomingPicture } from '../media/IncomingPicture'
import { isJsonObject, objectsOf, stringOf, type JsonObject } from './JsonObject'

/** The names agencies give the story's main picture (Superdesk, AP, Copydesk). */
const LEAD_NAMES = ['featureimage', 'featuremedia', 'main']
/** At most this many pictures are kept with a story. */
const MAX_PICTURES = 20

/**
 * The pictures a ninjs item associates with the story, 1.x (an object by name, lower-case keys) to
 * 3.x (an array with `name`, camelCase), for the desk to download when it chooses: each with the
 * https link of its largest rendition and the agency's words (caption from `descriptions`, else
 * `description_text` or the headline; alt text from a description with role `alt`; credit from
 * `by`, else the copyright holder; copyright from the notice). The main picture comes first.
 * Associations that are not pictures (text, video) are not looked at; a picture with no https
 * rendition is left out with a note.
 */
export function readNinjsPictures(data: JsonObject, messages: string[]): IncomingPicture[] {
  const pictures: IncomingPicture[] = []
  for (const [name, item] of associationsOf(data['associations'])) {
    const type = stringOf(item['type']).toLowerCase()
    if (type && type !== 'picture' && type !== 'graphic') continue
    const best = bestRendition(item['renditions'])
    const caption = captionOf(item)
    if (!best && stringOf(item['uri']).startsWith('urn:copydesk:media:')) {
      messages.push(
        `Copydesk's own picture “${name}”${caption ? ` (${short(caption)})` : ''} is not brought back with the text: add it to the story again.`,
      )
      continue
    }
    if (!best) {
      messages.push(
        `The picture “${name || stringOf(item['uri'])}”${caption ? ` (${short(caption)})` : ''} has no https link to download it from; it was left out.`,
      )
      continue
    }
    const uri = stringOf(item['uri'])
    const by = stringOf(item['by']) || stringOf(item['byline'])
    const holder = stringOf(item['copyrightHolder']) || stringOf(item['copyrightholder'])
    // Copydesk's own export names the photographer in `by` and the credit line as the holder.
    const own = uri.startsWith('urn:copydesk:media:')
    const picture = IncomingPicture.safeParse({
      name: name.slice(0, 200),
      ...(uri ? { uri: uri.slice(0, 1000) } : {}),
      ...best,
      caption: caption.slice(0, PICTURE_TEXT_MAX.caption),
      credit: (own ? holder : by || holder).slice(0, PICTURE_TEXT_MAX.credit),
      creator: (own ? by : '').slice(0, PICTURE_TEXT_MAX.creator),
      copyright: (stringOf(item['copyrightNotice']) || stringOf(item['copyrightnotice'])).slice(
        0,
        PICTURE_TEXT_MAX.copyright,
      ),
      altText: describedAs(item, ['alt', 'alttext', 'alt_text']).slice(0, PICTURE_TEXT_MAX.altText),
    })
    if (picture.success) pictures.push(picture.data)
  }
  const ordered = [
    ...pictures.filter((p) => LEAD_NAMES.includes(p.name.toLowerCase())),
    ...pictures.filter((p) => !LEAD_NAMES.includes(p.name.toLowerCase())),
  ]
  if (ordered.length > MAX_PICTURES)
    messages.push(
      `The item carries ${ordered.length} pictures; the first ${MAX_PICTURES} were kept.`,
    )
  return ordered.slice(0, MAX_PICTURES)
}

function associationsOf(value: unknown): [string, JsonObject][] {
  if (Array.isArray(value)) return objectsOf(value).map((item) => [stringOf(item['name']), item])
  if (!isJsonObject(value)) return []
  return Object.entries(value).flatMap(([name, item]): [string, JsonObject][] =>
    isJsonObject(item) ? [[name, item]] : [],
  )
}

/** The largest rendition with an https link that is (or may be) a picture. */
function bestRendition(value: unknown): { href: string; width?: number; height?: number } | null {
  const renditions = Array.isArray(value)
    ? objectsOf(value)
    : isJsonObject(value)
      ? Object.values(value).filter(isJsonObject)
      : []
  let best: { href: string; width?: number; height?: number } | null = null
  let bestArea = -1
  for (const r of renditions) {
    const href = stringOf(r['href'])
    const type = (
      stringOf(r['contentType']) ||
      stringOf(r['contenttype']) ||
      stringOf(r['mimetype'])
    ).toLowerCase()
    if (!/^https:\/\//i.test(href) || (type && !type.startsWith('image/'))) continue
    const width = positive(r['width'])
    const height = positive(r['height'])
    const area = (width ?? 0) * (height ?? 0)
    if (area <= bestArea) continue
    bestArea = area
    best = { href, ...(width ? { width } : {}), ...(height ? { height } : {}) }
  }
  return best
}

function captionOf(item: JsonObject): string {
  const described = describedAs(item, ['caption', 'text', 'description', 'summary', ''])
  if (described) return described
  const plain =
    stringOf(item['description_text']) ||
    stringOf(item['body_text']) ||
    stringOf(item['description'])
  if (plain) return plain
  const headline = objectsOf(item['headlines'])[0]
  return stringOf(headline?.['value']) || stringOf(item['headline'])
}

function describedAs(item: JsonObject, roles: string[]): string {
  const found = objectsOf(item['descriptions']).find((d) =>
    roles.includes(stringOf(d['role']).toLowerCase()),
  )
  return stringOf(found?.['value'])
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined
}

function short(text: string): string {
  return text.length > 60 ? `“${text.slice(0, 59)}…”` : `“${text}”`
}
