import type { Article } from '../../shared/domain/Article'
import { storyPictures } from '../../shared/export/storyPictures'
import type { PictureFiles, PublishRendition } from '../../shared/export/publishPicture'
import { AppError } from '../../shared/ipc/AppError'
import { hashOfMediaId } from '../../shared/media/MediaId'
import { PICTURE_FORMATS } from '../../shared/media/PictureType'
import type { MediaStore } from './MediaStore'

/** A picture that cannot leave with an export: which one, and (in the message) why. */
export class PictureExportError extends AppError {
  constructor(
    message: string,
    readonly mediaId: string,
    readonly lead: boolean,
  ) {
    super('REFUSED', message, { mediaId })
  }
}

/** A rendition to write beside the document: its path there (with "/") and its checked bytes. */
export type ExportMediaFile = { path: string; data: Uint8Array }

/**
 * The renditions of every picture a story uses, read from the media store (each checked against its
 * hash there), with their paths under `folder` (relative to the document). A picture whose record or
 * any rendition is missing or damaged refuses the whole export, naming the picture: an export never
 * carries a reference to a file it did not write.
 */
export async function collectExportPictures(
  article: Article,
  media: MediaStore,
  folder: string,
): Promise<{ pictures: PictureFiles; files: ExportMediaFile[] }> {
  const pictures = new Map<string, PublishRendition[]>()
  const files = new Map<string, ExportMediaFile>()
  for (const { picture, label, lead } of storyPictures(article)) {
    if (pictures.has(picture.mediaId)) continue
    const refuse = (why: string): never => {
      const named = picture.caption ? `${label} (“${shorten(picture.caption)}”)` : label
      throw new PictureExportError(
        `“${article.headline || 'Untitled'}” cannot be exported: ${named}, picture ${picture.mediaId.slice(0, 12)}…, ${why}. Add the picture to the story again, then export.`,
        picture.mediaId,
        lead,
      )
    }
    const record = await media.readRecord(picture.mediaId)
    if (!record || record.renditions.length === 0)
      refuse('is not in this data folder (or its renditions were never made)')
    const renditions: PublishRendition[] = []
    for (const rendition of record?.renditions ?? []) {
      const data = await media.read(rendition.id).catch((error: unknown) => {
        if (!(error instanceof AppError)) throw error
        if (error.code === 'NOT_FOUND') return refuse(`its ${rendition.name} rendition is missing`)
        if (error.code === 'CORRUPT_FILE')
          return refuse(`its ${rendition.name} rendition is damaged (set aside in quarantine/)`)
        throw error
      })
      const path = `${folder}/${rendition.id}`
      files.set(path, { path, data })
      renditions.push({
        name: rendition.name,
        path,
        contentType: PICTURE_FORMATS[rendition.type].mime,
        width: rendition.width,
        height: rendition.height,
        bytes: data.length,
        sha256: hashOfMediaId(rendition.id),
      })
    }
    pictures.set(picture.mediaId, renditions)
  }
  return { pictures, files: [...files.values()] }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}
