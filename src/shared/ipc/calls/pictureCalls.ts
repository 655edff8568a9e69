import { z } from 'zod'
import { Article, ArticleId } from '../../domain/Article'
import { LeadPicture } from '../../domain/LeadPicture'
import { PICTURE_TEXT_MAX } from '../../media/PictureRecord'
import { PictureRecord } from '../../media/PictureRecord'
import type { CallGroup } from '../CallDeclaration'
import { ConflictDetails, LockedDetails, NotFoundDetails, ReadOnlyDetails } from './commonErrors'

/** The largest picture the desk settings allow (100 MB), as base64 text. */
const MAX_BASE64 = Math.ceil(100_000_000 / 3) * 4

export const AddPictureInput = z.strictObject({
  id: ArticleId,
  /** The file's name, for messages only: the kind is read from the bytes. */
  name: z.string().trim().min(1).max(300),
  data: z.base64().max(MAX_BASE64, 'Pictures over 100 MB are not taken'),
  /** Where the picture goes; figures in the body come with the figure node. */
  as: z.literal('lead'),
  /** Given words win; a field left out is prefilled from the photo's IPTC/XMP. */
  caption: z.string().trim().max(PICTURE_TEXT_MAX.caption).optional(),
  credit: z.string().trim().max(PICTURE_TEXT_MAX.credit).optional(),
  creator: z.string().trim().max(PICTURE_TEXT_MAX.creator).optional(),
  copyright: z.string().trim().max(PICTURE_TEXT_MAX.copyright).optional(),
  altText: z.string().trim().max(PICTURE_TEXT_MAX.altText).optional(),
})
export type AddPictureInput = z.infer<typeof AddPictureInput>

export const AddPictureOutput = z.object({ article: Article, picture: PictureRecord })
export type AddPictureOutput = z.infer<typeof AddPictureOutput>

export const FetchPictureInput = z.strictObject({
  id: ArticleId,
  /**
   * The https address to download; without it, the first picture the story's agency item carries
   * (its feed item's pictures). The feed's words come with it, the photo's own fill the rest.
   */
  href: z.string().trim().min(1).max(2000).optional(),
  as: z.literal('lead'),
})
export type FetchPictureInput = z.infer<typeof FetchPictureInput>

/** A picture a story uses: where, the words the story gives it, and what the store holds of it. */
export const StoryPicture = z.object({
  role: z.literal('lead'),
  picture: LeadPicture,
  /** Null when the file or its record is missing or was set aside as damaged. */
  record: PictureRecord.nullable(),
})
export type StoryPicture = z.infer<typeof StoryPicture>

/** Pictures of a story (issue 16): added from a file, listed with their stored renditions. */
export const pictureCalls = {
  addPicture: {
    input: AddPictureInput,
    output: AddPictureOutput,
    errors: {
      NOT_FOUND: NotFoundDetails,
      CONFLICT: ConflictDetails,
      LOCKED: LockedDetails,
      REFUSED: ReadOnlyDetails,
    },
    writes: true,
  },
  fetchPicture: {
    input: FetchPictureInput,
    output: AddPictureOutput,
    errors: {
      NOT_FOUND: NotFoundDetails,
      CONFLICT: ConflictDetails,
      LOCKED: LockedDetails,
      REFUSED: ReadOnlyDetails,
    },
    writes: true,
  },
  listPictures: {
    input: z.strictObject({ id: ArticleId }),
    output: z.object({ pictures: z.array(StoryPicture) }),
    errors: { NOT_FOUND: NotFoundDetails },
    writes: false,
  },
} satisfies CallGroup
