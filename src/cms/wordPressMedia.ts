import type { LeadPicture } from '../shared/domain/LeadPicture'
import type { Publication } from '../shared/export/Publication'
import { wordPressCaption } from '../shared/export/wordPressCaption'
import { PushError, type MediaLibrary, type PushPicture, type RemoteMedia } from './CmsClient'
import { isRecord } from './isRecord'
import type { WordPressRest } from './WordPressRest'

/** The story's pictures in the site's media library, by the desk's media id. */
export type UploadedPictures = ReadonlyMap<string, RemoteMedia>

/**
 * Puts each picture the story uses into the site's media library before the post is saved: the web
 * rendition as it is (POST /wp/v2/media with the raw bytes), then its alt text and caption (POST
 * /wp/v2/media/<id>). What the site has is remembered per site and picture as soon as it has it, so
 * a picture goes to a site once (a second push, another story) and a retry after a failure sends
 * only what is missing; its words go again only when they changed. A failure stops the push before
 * the post is touched.
 */
export async function uploadPictures(
  rest: WordPressRest,
  site: string,
  publication: Publication,
  pictures: PushPicture[],
  library: MediaLibrary | undefined,
): Promise<UploadedPictures> {
  const words = picturesOf(publication)
  const uploaded = new Map<string, RemoteMedia>()
  for (const picture of pictures) {
    if (uploaded.has(picture.mediaId)) continue
    if (!library)
      throw new PushError(
        'The story has pictures, and this push has nowhere to remember them on the site',
        false,
      )
    const what = words.get(picture.mediaId)
    const label = what?.label ?? `picture ${picture.mediaId.slice(0, 12)}…`
    let media = library.get(site, picture.mediaId)
    try {
      if (!media) {
        media = toMedia(
          await rest.v2('/media', {
            method: 'POST',
            file: {
              data: await picture.read(),
              filename: picture.filename,
              contentType: picture.contentType,
            },
          }),
        )
        await library.put(site, picture.mediaId, media)
      }
      const text = {
        alt_text: what?.picture.altText ?? '',
        caption: what ? wordPressCaption(what.picture) : '',
      }
      const describedAs = JSON.stringify([text.alt_text, text.caption])
      // Words changed after the upload (a fixed alt text, a new caption) go to the site too: the
      // featured image shows the attachment's own alt text, not the post's.
      if (!media.described || media.describedAs !== describedAs) {
        await rest.v2(`/media/${media.id}`, { method: 'POST', body: text })
        media = { ...media, described: true, describedAs }
        await library.put(site, picture.mediaId, media)
      }
    } catch (error) {
      if (!(error instanceof PushError)) throw error
      throw new PushError(
        `Sending ${label} to the WordPress media library failed, so the post was not sent: ${error.message}`,
        error.retry,
      )
    }
    uploaded.set(picture.mediaId, media)
  }
  return uploaded
}

/** Each picture's words (the first place it appears) and how the desk names it. */
function picturesOf(
  publication: Publication,
): Map<string, { picture: LeadPicture; label: string }> {
  const found = new Map<string, { picture: LeadPicture; label: string }>()
  if (publication.leadPicture)
    found.set(publication.leadPicture.mediaId, {
      picture: publication.leadPicture,
      label: 'the lead picture',
    })
  let n = 0
  for (const block of publication.body ?? []) {
    if (block.type !== 'figure') continue
    n += 1
    if (!found.has(block.mediaId))
      found.set(block.mediaId, { picture: block, label: `figure ${n} in the body` })
  }
  return found
}

/** WordPress's answer to an upload: the attachment's id and the file's address. */
function toMedia(body: unknown): RemoteMedia {
  const id = isRecord(body) ? body['id'] : undefined
  const url = isRecord(body) ? body['source_url'] : undefined
  if (typeof id !== 'number' || typeof url !== 'string')
    throw new PushError('WordPress did not return the id and address of the uploaded file', true)
  return { id, url, described: false }
}
