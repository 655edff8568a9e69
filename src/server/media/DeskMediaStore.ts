import { createHash } from 'node:crypto'
import type { PictureSource } from '../../cms/picturesToPush'
import { z } from 'zod'
import {
  DESK_MEDIA_MAX_BYTES,
  type MediaFile,
  type MediaRefusedDetails,
} from '../../shared/desk/calls/deskMediaCalls'
import { DeskError } from '../../shared/desk/DeskError'
import { checkPicture } from '../../shared/media/checkPicture'
import { hashOfMediaId, mediaIdOf, type MediaId } from '../../shared/media/MediaId'
import type { PictureLimits } from '../../shared/media/PictureLimits'
import { PictureRecord } from '../../shared/media/PictureRecord'
import { PictureType } from '../../shared/media/PictureType'
import type { Clock } from '../../shared/domain/Clock'
import type { Db } from '../db/Db'
import type { Principal } from '../Principal'
import type { MediaFolder } from './MediaFolder'

/**
 * What the desk takes: the largest file and pixel count any workstation's desk settings allow (a
 * workstation refuses by its own, smaller setting first). The server never decodes a picture; the
 * pixel limit keeps a bomb from reaching the workstations and the CMS through it.
 */
export const DESK_PICTURE_LIMITS: PictureLimits = {
  maxBytes: DESK_MEDIA_MAX_BYTES,
  maxPixels: 1_000_000_000,
}

const IdRow = z.object({ id: z.string() })
const FileRow = z.object({ type: PictureType, bytes: z.number() })
const DataRow = z.object({ type: PictureType, data: z.string(), in_folder: z.boolean() })
const RecordRow = z.object({ record: z.unknown() })

/**
 * The desk's pictures in its database: files by content (`<sha256>.<ext>`), each checked against
 * its bytes and stored once, and picture records, each taken only when every file it names is
 * stored. Nothing is ever removed or changed: a file is its hash.
 */
export class DeskMediaStore {
  private readonly limits: PictureLimits
  private readonly folder: MediaFolder | null

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    options: {
      limits?: PictureLimits
      /** Keep the bytes in this folder instead of the database (`--media-dir`). */
      folder?: MediaFolder | null
    } = {},
  ) {
    this.limits = options.limits ?? DESK_PICTURE_LIMITS
    this.folder = options.folder ?? null
  }

  /** Of `ids`, the files not stored and the ones with no record. */
  async missing(ids: readonly MediaId[]): Promise<{ files: MediaId[]; records: MediaId[] }> {
    const asked = [...new Set(ids)]
    if (asked.length === 0) return { files: [], records: [] }
    const stored = await this.idsIn('media_files', asked)
    const recorded = await this.idsIn('picture_records', asked)
    return {
      files: asked.filter((id) => !stored.has(id)),
      records: asked.filter((id) => !recorded.has(id)),
    }
  }

  /**
   * Stores a file once: refused (REFUSED, its reason) when its bytes are not the picture kind its
   * id names, do not hash to it, or are no picture the desk takes. The same file again changes
   * nothing and answers `created: false`.
   */
  async putFile(
    id: MediaId,
    base64: string,
    by: Principal,
  ): Promise<{ id: MediaId; created: boolean }> {
    const data = Buffer.from(base64, 'base64')
    const checked = checkPicture(data, this.limits, id)
    if (!checked.ok) throw refused(checked.message, { reason: checked.reason })
    const sha256 = createHash('sha256').update(data).digest('hex')
    if (sha256 !== hashOfMediaId(id))
      throw refused(
        `The file sent as ${id} is not that picture: its bytes hash to ${sha256.slice(0, 12)}…. Nothing was stored.`,
        { reason: 'hash-mismatch' },
      )
    if (mediaIdOf(sha256, checked.type) !== id)
      throw refused(
        `The file sent as ${id} is a ${checked.type.toUpperCase()} picture, not the kind its name says. Nothing was stored.`,
        { reason: 'type-mismatch' },
      )
    const at = this.clock.now().toISOString()
    if (this.folder === null) {
      const rows = await this.db.query(
        `insert into media_files (id, type, bytes, data, stored_by, stored_at)
         values ($1, $2, $3, decode($4, 'base64'), $5, $6::timestamptz)
         on conflict (id) do nothing returning id`,
        [id, checked.type, data.length, base64, by.accountId, at],
      )
      return { id, created: rows.length > 0 }
    }
    if ((await this.idsIn('media_files', [id])).has(id)) return { id, created: false }
    // The file first: a row names only a file written whole.
    await this.folder.write(id, data)
    const rows = await this.db.query(
      `insert into media_files (id, type, bytes, data, stored_by, stored_at)
       values ($1, $2, $3, null, $4, $5::timestamptz)
       on conflict (id) do nothing returning id`,
      [id, checked.type, data.length, by.accountId, at],
    )
    return { id, created: rows.length > 0 }
  }

  /**
   * Stores a picture's record once (the first workstation's renditions are the desk's): refused
   * while its original or a rendition it names is not stored, or when the original stored is not
   * the kind and size the record says.
   */
  async putRecord(
    record: PictureRecord,
    by: Principal,
  ): Promise<{ id: MediaId; created: boolean }> {
    const named = [record.id, ...record.renditions.map((rendition) => rendition.id)]
    const { files } = await this.missing(named)
    if (files.length > 0)
      throw refused(
        `The desk does not have ${files.length === 1 ? 'a file' : `${files.length} files`} of picture ${record.id.slice(0, 12)}… yet (${files.map((id) => `${id.slice(0, 12)}…`).join(', ')}): send ${files.length === 1 ? 'it' : 'them'} first.`,
        { reason: 'files-missing', missing: files },
      )
    const original = FileRow.parse(
      (await this.db.query('select type, bytes from media_files where id = $1', [record.id]))[0],
    )
    if (original.type !== record.type || original.bytes !== record.bytes)
      throw refused(
        `The record of picture ${record.id.slice(0, 12)}… says it is a ${record.bytes}-byte ${record.type.toUpperCase()}; the desk has a ${original.bytes}-byte ${original.type.toUpperCase()}.`,
        { reason: 'type-mismatch' },
      )
    const rows = await this.db.query(
      `insert into picture_records (id, record, stored_by, stored_at)
       values ($1, $2::jsonb, $3, $4::timestamptz)
       on conflict (id) do nothing returning id`,
      [record.id, JSON.stringify(record), by.accountId, this.clock.now().toISOString()],
    )
    return { id: record.id, created: rows.length > 0 }
  }

  /** A stored file, base64-encoded as the API carries it; NOT_FOUND when the desk lacks it. */
  async getFile(id: MediaId): Promise<MediaFile> {
    // encode() breaks its base64 into 76-character lines.
    const row = (
      await this.db.query(
        `select type, coalesce(translate(encode(data, 'base64'), E'\\n', ''), '') as data,
                data is null as in_folder
           from media_files where id = $1`,
        [id],
      )
    )[0]
    if (row === undefined) throw notFound(id)
    const { type, data, in_folder } = DataRow.parse(row)
    if (!in_folder) return { id, type, data }
    if (this.folder === null)
      throw new DeskFileMismatch(
        `the bytes of ${id} are in a media folder and this server was started without --media-dir`,
      )
    return { id, type, data: (await this.folder.read(id)).toString('base64') }
  }

  /** A stored file's bytes (for the outbox), checked against its name once more. */
  async read(id: MediaId): Promise<Uint8Array> {
    const data = Buffer.from((await this.getFile(id)).data, 'base64')
    if (createHash('sha256').update(data).digest('hex') !== hashOfMediaId(id))
      throw new DeskFileMismatch(`the desk's copy of ${id} does not match its name`)
    return data
  }

  /** A picture's record, or null when the desk has none. */
  async readRecord(id: MediaId): Promise<PictureRecord | null> {
    const row = (await this.db.query('select record from picture_records where id = $1', [id]))[0]
    return row === undefined ? null : PictureRecord.parse(RecordRow.parse(row).record)
  }

  /**
   * Whether `id` is a rendition (web or thumbnail) some picture record names: never an original,
   * which keeps the camera's metadata (GPS position, serial numbers).
   */
  async isRendition(id: MediaId): Promise<boolean> {
    const rows = await this.db.query(
      `select 1 from picture_records where record->'renditions' @> $1::jsonb limit 1`,
      [JSON.stringify([{ id }])],
    )
    return rows.length > 0
  }

  /** A picture's record; NOT_FOUND when the desk has none. */
  async getRecord(id: MediaId): Promise<PictureRecord> {
    const record = await this.readRecord(id)
    if (record === null) throw notFound(id)
    return record
  }

  /** This store as a push reads its pictures (picturesToPush). */
  asPictureSource(): PictureSource {
    return {
      readRecord: (id) => this.readRecord(id),
      read: (id) => this.read(id),
      where: 'on the desk',
      isFileFailure: (error): error is Error =>
        error instanceof DeskError || error instanceof DeskFileMismatch,
    }
  }

  private async idsIn(
    table: 'media_files' | 'picture_records',
    ids: readonly MediaId[],
  ): Promise<Set<string>> {
    const rows = await this.db.query(
      `select id from ${table} where id in (select jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify(ids)],
    )
    return new Set(rows.map((row) => IdRow.parse(row).id))
  }
}

/** A stored file whose bytes no longer hash to its name (the database was changed behind the desk). */
export class DeskFileMismatch extends Error {
  override readonly name = 'DeskFileMismatch'
}

function refused(message: string, details: MediaRefusedDetails): DeskError {
  return new DeskError('REFUSED', message, details)
}

function notFound(id: MediaId): DeskError {
  return new DeskError('NOT_FOUND', `The desk has no picture ${id}.`, { id })
}
