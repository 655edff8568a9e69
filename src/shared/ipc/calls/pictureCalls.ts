import { z } from 'zod'
import { Article, ArticleId } from '../../domain/Article'
import { LeadPicture } from '../../domain/LeadPicture'
import { MediaId } from '../../media/MediaId'
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
  /** Where the picture goes: the lead picture, or a figure at the end of the body. */
  as: z.enum(['lead', 'figure']),
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

/**
 * A picture taken into the data folder for the editor to place (the lead picture field, a figure in
 * the body): checked, stored once, renditions made; no story changes until the editor saves it.
 */
export const ImportPictureInput = z.strictObject({
  /** The file's name, for messages only: the kind is read from the bytes. */
  name: z.string().trim().min(1).max(300),
  data: z.base64().max(MAX_BASE64, 'Pictures over 100 MB are not taken'),
})
export type ImportPictureInput = z.infer<typeof ImportPictureInput>

/** A picture at an https address (from pasted HTML) the user agreed to download. */
export const DownloadPictureInput = z.strictObject({
  url: z
    .string()
    .max(4000)
    .refine((url) => url.startsWith('https://'), 'Pictures are downloaded over https only'),
})
export type DownloadPictureInput = z.infer<typeof DownloadPictureInput>

/** Which file of a stored picture to read: the web rendition or the thumbnail. */
export const ReadPictureInput = z.strictObject({
  id: MediaId,
  rendition: z.enum(['web', 'thumbnail']),
})
export type ReadPictureInput = z.infer<typeof ReadPictureInput>

export const ReadPictureOutput = z.object({
  /** The file's bytes, base64. */
  data: z.base64(),
  /** Its content type (image/jpeg, image/webp...). */
  type: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The stored original's pixel size (what the checks weigh), not the rendition's. */
  original: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
})
export type ReadPictureOutput = z.infer<typeof ReadPictureOutput>

/** A picture the store cannot serve: not here, or set aside as damaged. */
export const PictureMissingDetails = z.object({
  id: z.string(),
  /** A joined workstation: why the desk could not send it either (it lacks it, it is out of reach). */
  desk: z.string().optional(),
})

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
  /** The lead picture, or a figure in the body (in reading order). */
  role: z.enum(['lead', 'figure']),
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
  importPicture: {
    input: ImportPictureInput,
    output: z.object({ picture: PictureRecord }),
    errors: { REFUSED: ReadOnlyDetails },
    writes: true,
  },
  downloadPicture: {
    input: DownloadPictureInput,
    output: z.object({ picture: PictureRecord }),
    errors: { REFUSED: ReadOnlyDetails },
    writes: true,
  },
  readPicture: {
    input: ReadPictureInput,
    output: ReadPictureOutput,
    errors: { NOT_FOUND: PictureMissingDetails, CORRUPT_FILE: PictureMissingDetails },
    writes: false,
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
