import type { LeadPicture } from '../domain/LeadPicture'
import type { Block, BodyBlock } from './Publication'
import { escapeHtml } from './blocksToHtml'

/** One file of a picture as it leaves with an export: where it lies beside the document, and what it is. */
export type PublishRendition = {
  name: 'web' | 'thumbnail'
  /** Relative to the exported document's folder, with "/" (`<slug>.media/<sha256>.jpg`). */
  path: string
  contentType: string
  width: number
  height: number
  bytes: number
  sha256: string
}

/**
 * The renditions written beside an export, by the original picture's media id. A picture missing
 * here leaves with its words and no renditions: its files do not travel with that document (a
 * webhook push, in this version).
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
 * A figure as HTML beside the other blocks: its web rendition by relative path, alt text, caption
 * and credit. A picture whose files do not travel with the document has no place in its HTML. In
 * ninjs, `assocRef` names its association (`data-assoc-ref`, as TT's bodies do).
 */
export function figureHtml(picture: PublishPicture, assocRef?: string): string {
  const web = picture.renditions.find((r) => r.name === 'web') ?? picture.renditions[0]
  if (!web) return ''
  const ref = assocRef ? ` data-assoc-ref="${escapeHtml(assocRef)}"` : ''
  const img = `<img src="${escapeHtml(web.path)}" alt="${escapeHtml(picture.altText)}" width="${web.width}" height="${web.height}"/>`
  const credit = picture.credit ? `<small class="credit">${escapeHtml(picture.credit)}</small>` : ''
  const caption =
    picture.caption || credit
      ? `<figcaption>${escapeHtml(picture.caption)}${picture.caption && credit ? ' ' : ''}${credit}</figcaption>`
      : ''
  return `<figure class="picture" data-copydesk="figure"${ref}>${img}${caption}</figure>`
}
