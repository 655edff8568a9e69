import type { Article } from '../../shared/domain/Article'
import type { PushPicture } from '../../cms/CmsClient'
import { picturesToPush, type PictureSource } from '../../cms/picturesToPush'
import { AppError } from '../../shared/ipc/AppError'
import type { MediaStore } from './MediaStore'

/**
 * The pictures a push sends from this data folder (see picturesToPush): a missing or damaged
 * rendition (the store's AppError) stops the push for good, named.
 */
export function pushPictures(article: Article, media: MediaStore): Promise<PushPicture[]> {
  return picturesToPush(article, mediaPictureSource(media))
}

/** This data folder's media store as a push reads it (each file checked against its hash). */
export function mediaPictureSource(media: MediaStore): PictureSource {
  return {
    readRecord: (id) => media.readRecord(id),
    read: (id) => media.read(id),
    where: 'in this data folder',
    isFileFailure: (error): error is Error => error instanceof AppError,
  }
}
