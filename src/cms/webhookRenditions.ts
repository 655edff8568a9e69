import type { Article } from '../shared/domain/Article'
import type { PictureFiles, PublishRendition } from '../shared/export/publishPicture'
import { storyPictures } from '../shared/export/storyPictures'
import { hashOfMediaId, type MediaId } from '../shared/media/MediaId'
import { PICTURE_FORMATS } from '../shared/media/PictureType'
import { PushError } from './CmsClient'
import type { PictureSource } from './picturesToPush'

/** A rendition as it is handed to `links`: its stored id, its type and its (hash-checked) bytes. */
export type LinkedRendition = { id: MediaId; contentType: string; data: Uint8Array }

/**
 * How a webhook push carries the renditions: their bytes in the JSON, or an address the receiving
 * CMS fetches each from. `link` makes the address good before it is named (copies the file where
 * it is served and checks it is there, or signs a capability): it throws a PushError saying why
 * rather than hand back an address that does not serve the file.
 */
export type RenditionTransport =
  { mode: 'base64' } | { mode: 'links'; link: (rendition: LinkedRendition) => Promise<string> }

/**
 * The renditions of every picture a story uses (the web rendition and the thumbnail; never the
 * original, which keeps the camera's metadata), as the webhook's publish JSON carries them: base64
 * `data` or an absolute `href`, with size, type and sha256. A picture without renditions or with a
 * file missing or damaged stops the push, named: a webhook never gets a picture it cannot show.
 */
export async function webhookRenditions(
  article: Article,
  source: PictureSource,
  transport: RenditionTransport,
): Promise<PictureFiles> {
  const pictures = new Map<string, PublishRendition[]>()
  for (const { picture, label } of storyPictures(article)) {
    if (pictures.has(picture.mediaId)) continue
    const named = `${label} (picture ${picture.mediaId.slice(0, 12)}…)`
    const record = await source.readRecord(picture.mediaId)
    if (!record || record.renditions.length === 0)
      throw new PushError(
        `${capitalize(named)} has no renditions ${source.where}; add the picture to the story again, then push`,
        false,
      )
    const renditions: PublishRendition[] = []
    for (const rendition of record.renditions) {
      const data = await source.read(rendition.id).catch((error: unknown) => {
        if (source.isFileFailure(error))
          throw new PushError(
            `The ${rendition.name} rendition of ${named} cannot be read ${source.where} (${error.message}); add the picture to the story again, then push`,
            false,
          )
        throw error
      })
      const contentType = PICTURE_FORMATS[rendition.type].mime
      const facts = {
        name: rendition.name,
        contentType,
        width: rendition.width,
        height: rendition.height,
        bytes: data.length,
        sha256: hashOfMediaId(rendition.id),
      }
      renditions.push(
        transport.mode === 'base64'
          ? { ...facts, data: Buffer.from(data).toString('base64') }
          : { ...facts, href: await transport.link({ id: rendition.id, contentType, data }) },
      )
    }
    pictures.set(picture.mediaId, renditions)
  }
  return pictures
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
