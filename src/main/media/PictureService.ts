import type { Article } from '../../shared/domain/Article'
import type { LeadPicture } from '../../shared/domain/LeadPicture'
import type {
  AddPictureInput,
  AddPictureOutput,
  StoryPicture,
} from '../../shared/ipc/calls/pictureCalls'
import type { MediaId } from '../../shared/media/MediaId'
import type { PictureRecord } from '../../shared/media/PictureRecord'
import type { MediaStore } from './MediaStore'
import type { PictureImporter } from './PictureImporter'

/** What the picture calls need of the article service: the story, and a save through its rules. */
export type PictureStories = {
  get(input: { id: string }): Promise<Article>
  save(input: {
    id: string
    baseRevision: number
    changes: { leadPicture: LeadPicture }
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
  ) {}

  async add(input: AddPictureInput): Promise<AddPictureOutput> {
    // Read first: a story that is missing or locked is said before the picture is processed.
    const current = await this.stories.get({ id: input.id })
    const picture = await this.importer.importBytes(
      new Uint8Array(Buffer.from(input.data, 'base64')),
      input.name,
    )
    const found = picture.metadata
    const leadPicture: LeadPicture = {
      mediaId: picture.id,
      caption: input.caption ?? found.caption,
      credit: input.credit ?? found.credit,
      creator: input.creator ?? found.creator,
      copyright: input.copyright ?? found.copyright,
      altText: input.altText ?? found.altText,
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
    return { pictures }
  }

  /** The record of a picture whose file is here and sound; null otherwise (damage is set aside). */
  private async storedRecord(id: MediaId): Promise<PictureRecord | null> {
    if (!(await this.media.has(id))) return null
    return this.media.readRecord(id)
  }
}
