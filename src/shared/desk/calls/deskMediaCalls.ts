import { z } from 'zod'
import { MediaId } from '../../media/MediaId'
import { PictureRecord } from '../../media/PictureRecord'
import { PictureType } from '../../media/PictureType'
import type { DeskCallGroup } from '../DeskCallDeclaration'

/**
 * The largest picture file the desk takes, in bytes (the workstation's own limit is the desk
 * setting, 50 MB by default): a body carries it base64-encoded, a third larger.
 */
export const DESK_MEDIA_MAX_BYTES = 100_000_000

/** The most media ids one `missingMedia` call asks about (a story's pictures and their renditions). */
export const DESK_MEDIA_ASK_MAX = 300

/**
 * Base64 text (RFC 4648, with padding): what a picture's bytes travel as in the JSON desk API.
 * Checked with a plain character class and the length: a grouped pattern repeated over a 100 MB
 * text overflows the regular expression engine's stack.
 */
export const Base64 = z
  .string()
  .max(Math.ceil(DESK_MEDIA_MAX_BYTES / 3) * 4)
  .refine((text) => text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text), 'Not base64 text')

export const PutMediaFileInput = z.strictObject({
  /** `<sha256>.<ext>` of the bytes: refused when the bytes hash otherwise or are another kind. */
  id: MediaId,
  data: Base64,
})
export type PutMediaFileInput = z.infer<typeof PutMediaFileInput>

export const PutMediaFileOutput = z.object({
  id: MediaId,
  /** False when the desk had the file already (the same upload twice stores it once). */
  created: z.boolean(),
})

export const MediaFile = z.object({ id: MediaId, type: PictureType, data: Base64 })
export type MediaFile = z.infer<typeof MediaFile>

/** Why a picture was refused: what its bytes are, or what the record names that the desk lacks. */
export const MediaRefusedDetails = z.object({
  reason: z.enum([
    'hash-mismatch',
    'type-mismatch',
    'empty',
    'not-a-picture',
    'truncated',
    'malformed',
    'too-many-bytes',
    'too-many-pixels',
    'files-missing',
  ]),
  missing: z.array(MediaId).optional(),
})
export type MediaRefusedDetails = z.infer<typeof MediaRefusedDetails>

const MediaNotFound = z.object({ id: MediaId })

/**
 * Pictures on the desk (issue 16, item 10): each file (an original, its web rendition, its
 * thumbnail) stored once by its hash, and the picture's record (metadata, renditions) beside its
 * original. A workstation asks what the desk lacks, sends the files, then the record: the record is
 * refused until every file it names is there, so a picture the desk "has" is always whole.
 */
export const deskMediaCalls = {
  /**
   * What the desk lacks of `ids` (the HEAD of a file store, for many at once): `files` it does not
   * store, and `records`: those of `ids` with no picture record (renditions never have one). A
   * picture with a record is whole: the record is taken only once its files are there.
   */
  missingMedia: {
    method: 'POST',
    path: '/v1/media/missing',
    access: 'signed-in',
    input: z.strictObject({ ids: z.array(MediaId).max(DESK_MEDIA_ASK_MAX) }),
    output: z.object({ files: z.array(MediaId), records: z.array(MediaId) }),
    errors: {},
  },
  putMediaFile: {
    method: 'POST',
    path: '/v1/media/file',
    access: 'signed-in',
    media: true,
    slow: true,
    input: PutMediaFileInput,
    output: PutMediaFileOutput,
    errors: { REFUSED: MediaRefusedDetails },
  },
  putPictureRecord: {
    method: 'POST',
    path: '/v1/media/record',
    access: 'signed-in',
    input: z.strictObject({ record: PictureRecord }),
    output: PutMediaFileOutput,
    errors: { REFUSED: MediaRefusedDetails },
  },
  getMediaFile: {
    method: 'GET',
    path: '/v1/media/file',
    access: 'signed-in',
    slow: true,
    input: z.object({ id: MediaId }),
    output: MediaFile,
    errors: { NOT_FOUND: MediaNotFound },
  },
  getPictureRecord: {
    method: 'GET',
    path: '/v1/media/record',
    access: 'signed-in',
    input: z.object({ id: MediaId }),
    output: z.object({ record: PictureRecord }),
    errors: { NOT_FOUND: MediaNotFound },
  },
} satisfies DeskCallGroup
