import type { Article } from '../shared/domain/Article'
import { storyPictures } from '../shared/export/storyPictures'
import { hashOfMediaId, type MediaId } from '../shared/media/MediaId'
import type { PictureRecord } from '../shared/media/PictureRecord'
import { PICTURE_FORMATS } from '../shared/media/PictureType'
import { PushError, type PushPicture } from './CmsClient'

/** Where a push reads its pictures: the workstation's data folder, or the desk server's database. */
export type PictureSource = {
  readRecord(id: MediaId): Promise<PictureRecord | null>
  read(id: MediaId): Promise<Uint8Array>
  /** "in this data folder", "on the desk": where a missing picture is missing from. */
  readonly where: string
  /** Whether a failure of `read` is the file's (missing, damaged): the push then stops for good. */
  isFileFailure(error: unknown): error is Error
}

/**
 * The pictures a push sends, once each: the web rendition of the lead picture and of every figure
 * (made without the original's metadata, see makeRenditions), read from `source` only when the site
 * does not have it yet. A picture without a web rendition stops the push, named.
 */
export async function picturesToPush(
  article: Article,
  source: PictureSource,
): Promise<PushPicture[]> {
  const pictures = new Map<string, PushPicture>()
  for (const { picture, label } of storyPictures(article)) {
    if (pictures.has(picture.mediaId)) continue
    const record = await source.readRecord(picture.mediaId)
    const web = record?.renditions.find((r) => r.name === 'web')
    if (!web)
      throw new PushError(
        `${capitalize(label)} (picture ${picture.mediaId.slice(0, 12)}…) has no web rendition ${source.where}; add the picture to the story again, then push`,
        false,
      )
    const format = PICTURE_FORMATS[web.type]
    pictures.set(picture.mediaId, {
      mediaId: picture.mediaId,
      filename: `${article.slug || 'picture'}-${hashOfMediaId(web.id).slice(0, 12)}.${format.ext}`,
      contentType: format.mime,
      read: () =>
        source.read(web.id).catch((error: unknown) => {
          if (source.isFileFailure(error))
            throw new PushError(
              `The web rendition of ${label} cannot be read (${error.message}); add the picture to the story again, then push`,
              false,
            )
          throw error
        }),
    })
  }
  return [...pictures.values()]
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
