import type { LeadPicture } from '../domain/LeadPicture'
import type { Block, BodyBlock } from './Publication'
import { escapeHtml } from './blocksToHtml'

/** What a rendition is, whichever way its file travels. */
export type RenditionFacts = {
  name: 'web' | 'thumbnail'
  contentType: string
  width: number
  height: number
  bytes: number
  sha256: string
}

/**
 * The file of a rendition, one way (format 2.1): `path` relative to the exported document's folder,
 * with "/" (`<slug>.media/<sha256>.jpg`); `data`, its bytes base64-encoded (a webhook push with
 * pictures base64-encoded); or `href`, an absolute address it is served from (pictures as links).
 */
export type RenditionFile = { path: string } | { data: string } | { href: string }

/** One file of a picture as it leaves with an export or a push: what it is, and where its bytes are. */
export type PublishRendition = RenditionFacts & RenditionFile

/**
 * The renditions that travel with a document, by the original picture's media id. A picture missing
 * here leaves with its words and no renditions (only the export check renders so).
 */
export type PictureFiles = ReadonlyMap<string, PublishRendition[]>

/** A picture in the publish JSON: the lead image, or a figure block's fields. */
export type PublishPicture = {
  id: string
  caption: string
  credit: string
  creator: string
  copyright: string
  altText: string
  renditions: PublishRendition[]
}

/** A body block as the publish JSON carries it: a figure with its renditions. */
export type PublishBlock = Block | ({ type: 'figure' } & PublishPicture)

export function publishPicture(
  picture: LeadPicture,
  files: PictureFiles | undefined,
): PublishPicture {
  return {
    id: picture.mediaId,
    caption: picture.caption,
    credit: picture.credit,
    creator: picture.creator,
    copyright: picture.copyright,
    altText: picture.altText,
    renditions: files?.get(picture.mediaId) ?? [],
  }
}

export function publishBlocks(body: BodyBlock[], files: PictureFiles | undefined): PublishBlock[] {
  return body.map((block) => {
    if (block.type !== 'figure') return block
    const { type, ...picture } = block
    return { type, ...publishPicture(picture, files) }
  })
}

/**
 * A figure as HTML beside the other blocks: its web rendition by relative path or address, alt
 * text, caption and credit. A rendition sent as base64 has no address yet: its <img> names it by
 * `data-sha256` and the receiver sets its own src (a data: URL would send the bytes twice). A
 * picture whose files do not travel with the document has no place in its HTML. In ninjs,
 * `assocRef` names its association (`data-assoc-ref`, as TT's bodies do).
 */
export function figureHtml(picture: PublishPicture, assocRef?: string): string {
  const web = picture.renditions.find((r) => r.name === 'web') ?? picture.renditions[0]
  if (!web) return ''
  const ref = assocRef ? ` data-assoc-ref="${escapeHtml(assocRef)}"` : ''
  const source =
    'path' in web
      ? `src="${escapeHtml(web.path)}"`
      : 'href' in web
        ? `src="${escapeHtml(web.href)}"`
        : `data-sha256="${web.sha256}"`
  const img = `<img ${source} alt="${escapeHtml(picture.altText)}" width="${web.width}" height="${web.height}"/>`
  const credit = picture.credit ? `<small class="credit">${escapeHtml(picture.credit)}</small>` : ''
  const caption =
    picture.caption || credit
      ? `<figcaption>${escapeHtml(picture.caption)}${picture.caption && credit ? ' ' : ''}${credit}</figcaption>`
      : ''
  return `<figure class="picture" data-copydesk="figure"${ref}>${img}${caption}</figure>`
}
