import type { Article } from '../../shared/domain/Article'
import { PushError, type PushPicture } from '../../cms/CmsClient'
import { hashOfMediaId } from '../../shared/media/MediaId'
import { PICTURE_FORMATS } from '../../shared/media/PictureType'
import { AppError } from '../../shared/ipc/AppError'
import { storyPictures } from './collectExportPictures'
import type { MediaStore } from './MediaStore'

/**
 * The pictures a push sends, once each: the web rendition of the lead picture and of every figure
 * (made without the original's metadata, see makeRenditions), read from the media store only when
 * the site does not have it yet. A picture without a web rendition stops the push, named.
 */
export async function pushPictures(article: Article, media: MediaStore): Promise<PushPicture[]> {
  const pictures = new Map<string, PushPicture>()
  for (const { picture, label } of storyPictures(article)) {
    if (pictures.has(picture.mediaId)) continue
    const record = await media.readRecord(picture.mediaId)
    const web = record?.renditions.find((r) => r.name === 'web')
    if (!web)
      throw new PushError(
        `${capitalize(label)} (picture ${picture.mediaId.slice(0, 12)}…) has no web rendition in this data folder; add the picture to the story again, then push`,
        false,
      )
    const format = PICTURE_FORMATS[web.type]
    pictures.set(picture.mediaId, {
      mediaId: picture.mediaId,
      filename: `${article.slug || 'picture'}-${hashOfMediaId(web.id).slice(0, 12)}.${format.ext}`,
      contentType: format.mime,
      read: () =>
        media.read(web.id).catch((error: unknown) => {
          if (error instanceof AppError)
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
