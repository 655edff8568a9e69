import type { Article } from '../../shared/domain/Article'
import { LeadPicture } from '../../shared/domain/LeadPicture'
import { AppError } from '../../shared/ipc/AppError'
import type {
  AddPictureInput,
  AddPictureOutput,
  DownloadPictureInput,
  FetchPictureInput,
  ImportPictureInput,
  ReadPictureInput,
  ReadPictureOutput,
  StoryPicture,
} from '../../shared/ipc/calls/pictureCalls'
import type { IncomingPicture } from '../../shared/media/IncomingPicture'
import type { MediaId } from '../../shared/media/MediaId'
import type { PictureRecord } from '../../shared/media/PictureRecord'
import { PICTURE_FORMATS } from '../../shared/media/PictureType'
import { CorruptFileError } from '../store/DurableJsonFile'
import type { MediaStore } from './MediaStore'
import type { PictureImporter } from './PictureImporter'

/** What the picture calls need of the article service: the story, and a save through its rules. */
export type PictureStories = {
  get(input: { id: string }): Promise<Article>
  save(input: {
    id: string
    baseRevision: number
    changes: { leadPicture: LeadPicture } | { body: Article['body'] }
  }): Promise<Article>
}

/**
 * A story's pictures: a file taken in (checked, stored once, renditions made) and set as the lead
 * picture through the article service's own save (status rules, revision check, autosnapshot, the
 * desk's sync), its words prefilled from the photo where the caller gave none.
 */
export class PictureService {
  constructor(
    private readonly stories: PictureStories,
    private readonly importer: PictureImporter,
    private readonly media: MediaStore,
    /** Downloads a picture's bytes from an https address (see downloadPicture). */
    private readonly download: (href: string) => Promise<Uint8Array>,
    /**
     * A joined workstation fetches a picture missing here from its desk: null once it is here (or
     * when there is no desk to ask), else why not.
     */
    private readonly fromDesk: ((id: MediaId) => Promise<string | null>) | null = null,
  ) {}

  async add(input: AddPictureInput): Promise<AddPictureOutput> {
    // Read first: a story that is missing or locked is said before the picture is processed.
    const current = await this.stories.get({ id: input.id })
    const picture = await this.importer.importBytes(fromBase64(input.data), input.name)
    const found = picture.metadata
    const leadPicture: LeadPicture = {
      mediaId: picture.id,
      caption: input.caption ?? found.caption,
      credit: input.credit ?? found.credit,
      creator: input.creator ?? found.creator,
      copyright: input.copyright ?? found.copyright,
      altText: input.altText ?? found.altText,
    }
    // A figure goes at the end of the body, as the editor's Insert picture does at the caret.
    const changes =
      input.as === 'lead'
        ? { leadPicture }
        : {
            body: {
              ...current.body,
              content: [
                ...(current.body.content ?? []),
                { type: 'figure', attrs: { ...leadPicture } },
              ],
            },
          }
    const article = await this.stories.save({
      id: input.id,
      baseRevision: current.revision,
      changes,
    })
    return { article, picture }
  }

  /** A picture stored for the editor to place; the story changes only when the editor saves it. */
  async import(input: ImportPictureInput): Promise<{ picture: PictureRecord }> {
    return { picture: await this.importer.importBytes(fromBase64(input.data), input.name) }
  }

  /**
   * A picture from an https address the user agreed to (a pasted page's), checked like any other
   * and stored for the editor to place.
   */
  async downloadForEditor(input: DownloadPictureInput): Promise<{ picture: PictureRecord }> {
    const data = await this.download(input.url)
    return { picture: await this.importer.importBytes(data, nameOf(input.url)) }
  }

  /**
   * One rendition of a stored picture, checked against its hash; the original when the record lists
   * no such rendition. A picture that is not here, or was set aside as damaged, is said so by id.
   */
  async read(input: ReadPictureInput): Promise<ReadPictureOutput> {
    let record = await this.media.readRecord(input.id)
    if (!record && this.fromDesk) {
      const why = await this.fromDesk(input.id)
      if (why !== null)
        throw new AppError(
          'NOT_FOUND',
          `Picture ${input.id} is not in this data folder, and ${why}.`,
          { id: input.id, desk: why },
        )
      record = await this.media.readRecord(input.id)
    }
    if (!record)
      throw new AppError('NOT_FOUND', `Picture ${input.id} is not in this data folder.`, {
        id: input.id,
      })
    const file = record.renditions.find((r) => r.name === input.rendition) ?? record
    try {
      const data = await this.media.read(file.id)
      return {
        data: Buffer.from(data).toString('base64'),
        type: PICTURE_FORMATS[file.type].mime,
        width: file.width,
        height: file.height,
        original: { width: record.width, height: record.height },
      }
    } catch (error) {
      if (error instanceof CorruptFileError)
        throw new AppError(
          'CORRUPT_FILE',
          `Picture ${input.id} was damaged on disk and set aside (quarantine/); add it again to bring it back.`,
          { id: input.id },
        )
      if (error instanceof AppError && error.code === 'NOT_FOUND')
        throw new AppError('NOT_FOUND', `Picture ${input.id} is not in this data folder.`, {
          id: input.id,
        })
      throw error
    }
  }

  /**
   * Downloads a picture the desk chose (the agency item's first, or one by its https address),
   * checks and stores it as a file would be, and sets it as the lead picture with the agency's
   * words; the photo's own metadata fills what the feed left empty.
   */
  async fetch(input: FetchPictureInput): Promise<AddPictureOutput> {
    const current = await this.stories.get({ id: input.id })
    const waiting = current.feedItem?.pictures ?? []
    const chosen: IncomingPicture | undefined = input.href
      ? (waiting.find((p) => p.href === input.href) ?? wordless(input.href))
      : waiting[0]
    if (!chosen)
      throw new AppError(
        'INVALID_INPUT',
        `“${current.headline || 'Untitled'}” has no agency picture waiting to be downloaded: give the picture's https address.`,
      )
    const data = await this.download(chosen.href)
    const picture = await this.importer.importBytes(data, nameOf(chosen.href))
    const found = picture.metadata
    const leadPicture: LeadPicture = {
      mediaId: picture.id,
      caption: chosen.caption || found.caption,
      credit: chosen.credit || found.credit,
      creator: chosen.creator || found.creator,
      copyright: chosen.copyright || found.copyright,
      altText: chosen.altText || found.altText,
    }
    const article = await this.stories.save({
      id: input.id,
      baseRevision: current.revision,
      changes: { leadPicture },
    })
    return { article, picture }
  }

  async list(input: { id: string }): Promise<{ pictures: StoryPicture[] }> {
    const article = await this.stories.get(input)
    const pictures: StoryPicture[] = []
    if (article.leadPicture)
      pictures.push({
        role: 'lead',
        picture: article.leadPicture,
        record: await this.storedRecord(article.leadPicture.mediaId),
      })
    for (const node of article.body.content ?? []) {
      const figure = node.type === 'figure' ? LeadPicture.safeParse(node.attrs) : null
      if (figure?.success)
        pictures.push({
          role: 'figure',
          picture: figure.data,
          record: await this.storedRecord(figure.data.mediaId),
        })
    }
    return { pictures }
  }

  /** The record of a picture whose file is here and sound; null otherwise (damage is set aside). */
  private async storedRecord(id: MediaId): Promise<PictureRecord | null> {
    if (!(await this.media.has(id))) return null
    return this.media.readRecord(id)
  }
}

function wordless(href: string): IncomingPicture {
  return { name: '', href, caption: '', credit: '', creator: '', copyright: '', altText: '' }
}

/** The file name an address ends with, for messages. */
function nameOf(href: string): string {
  try {
    return decodeURIComponent(new URL(href).pathname.split('/').pop() ?? '') || href
  } catch {
    return href
  }
}

/** The decoded bytes as a plain Uint8Array over the Buffer's memory: a copy would be 15 MB more. */
function fromBase64(data: string): Uint8Array {
  const decoded = Buffer.from(data, 'base64')
  return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.length)
}
