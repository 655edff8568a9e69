import { createHash } from 'node:crypto'
import { mkdir, readdir, rm, utimes } from 'node:fs/promises'
import { setImmediate } from 'node:timers/promises'
import { join } from 'node:path'
import type { Clock } from '../../shared/domain/Clock'
import { AppError } from '../../shared/ipc/AppError'
import { hashOfMediaId, MediaId, mediaIdOf } from '../../shared/media/MediaId'
import { PictureRecord } from '../../shared/media/PictureRecord'
import type { PictureType } from '../../shared/media/PictureType'
import { assertWritable, type DataDirAccess } from '../store/DataDirAccess'
import { CorruptFileError, DurableJsonFile } from '../store/DurableJsonFile'
import { isErrnoCode } from '../store/isErrnoCode'
import { KeyedQueue } from '../store/KeyedQueue'
import { OWNER_ONLY_DIR } from '../store/ownerOnly'
import type { Quarantine } from '../store/Quarantine'
import { writeFileDurably } from '../store/writeFileDurably'
import { readRegularBytes } from './readRegularBytes'

export type MediaStoreOptions = {
  dataDir: string
  quarantine: Quarantine
  access: DataDirAccess
  clock: Clock
}

/** Hashed a slice at a time, the event loop let go between slices. */
const HASH_SLICE = 1 << 20

/**
 * The SHA-256 of `data` in hex, a megabyte at a time with the event loop free in between: a 50 MB
 * picture hashed at once held it for a tenth of a second (Web Crypto's digest, measured here, held
 * it for a third of that: it copies the input first).
 */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  const hash = createHash('sha256')
  for (let at = 0; at < data.length; at += HASH_SLICE) {
    hash.update(data.subarray(at, at + HASH_SLICE))
    if (at + HASH_SLICE < data.length) await setImmediate()
  }
  return hash.digest('hex')
}

/**
 * Picture files in the data folder's media/, named after their content (`<sha256>.<ext>`, see
 * MediaId), written as durably as articles (temp file, fsync, rename, fsync of the folder), each
 * beside its record (`<id>.json`). The same picture is stored once. Every read checks the content
 * against the name: a torn or changed file is set aside in quarantine/ and never served.
 */
export class MediaStore {
  private readonly perFile = new KeyedQueue()
  readonly dir: string

  private constructor(private readonly options: MediaStoreOptions) {
    this.dir = join(options.dataDir, 'media')
  }

  static async open(options: MediaStoreOptions): Promise<MediaStore> {
    const store = new MediaStore(options)
    if (!options.access.readOnly) await mkdir(store.dir, { recursive: true, mode: OWNER_ONLY_DIR })
    return store
  }

  /**
   * Stores `data` under its hash, once: a picture already there (and sound) is not written again,
   * only marked as just used, so the sweep's grace period starts again. A stored copy that does not
   * match its name is set aside and replaced.
   */
  async put(data: Uint8Array, type: PictureType): Promise<{ id: MediaId; created: boolean }> {
    assertWritable(this.options.access)
    const id = mediaIdOf(await sha256Hex(data), type)
    return this.perFile.run(id, async () => {
      const existing = await this.readVerified(id).catch((error: unknown) => {
        if (error instanceof CorruptFileError) return null
        throw error
      })
      const now = this.options.clock.now()
      if (existing) {
        await utimes(this.pathOf(id), now, now)
        return { id, created: false }
      }
      await writeFileDurably(this.pathOf(id), data)
      await utimes(this.pathOf(id), now, now)
      return { id, created: true }
    })
  }

  /** The picture's bytes, checked against its name; NOT_FOUND, or CORRUPT_FILE once set aside. */
  read(id: MediaId): Promise<Uint8Array> {
    return this.perFile.run(id, async () => {
      const data = await this.readVerified(id)
      if (!data)
        throw new AppError('NOT_FOUND', `Picture ${id} is not in this data folder.`, { id })
      return data
    })
  }

  /** Whether a sound copy of the picture is here (a torn one is set aside and is not). */
  async has(id: MediaId): Promise<boolean> {
    try {
      await this.read(id)
      return true
    } catch (error) {
      if (error instanceof AppError) return false
      throw error
    }
  }

  async readRecord(id: MediaId): Promise<PictureRecord | null> {
    try {
      return await this.recordFile(id).read()
    } catch (error) {
      if (await this.options.quarantine.report(error)) return null
      throw error
    }
  }

  saveRecord(record: PictureRecord): Promise<void> {
    assertWritable(this.options.access)
    return this.recordFile(record.id).write(PictureRecord.parse(record))
  }

  pathOf(id: MediaId): string {
    return join(this.dir, id)
  }

  /** The names in media/ (pictures, records, and whatever else was put there). */
  async names(): Promise<string[]> {
    try {
      return await readdir(this.dir)
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return []
      throw error
    }
  }

  /** Marks a picture as used at `at` (the sweep's grace counts from it); nothing if it is absent. */
  async touch(id: MediaId, at: Date): Promise<void> {
    if (this.options.access.readOnly) return
    await this.perFile.run(id, async () => {
      await utimes(this.pathOf(id), at, at).catch((error: unknown) => {
        if (!isErrnoCode(error, 'ENOENT')) throw error
      })
    })
  }

  /** Removes a picture and its record (the sweep's job; nothing else removes pictures). */
  async remove(id: MediaId): Promise<void> {
    await this.perFile.run(id, async () => {
      await rm(this.pathOf(id), { force: true })
      await rm(`${this.pathOf(id)}.json`, { force: true })
    })
  }

  private async readVerified(id: MediaId): Promise<Uint8Array | null> {
    const path = this.pathOf(id)
    let data: Uint8Array | null
    try {
      data = await readRegularBytes(path)
    } catch (error) {
      if (error instanceof CorruptFileError) {
        await this.options.quarantine.report(error)
      }
      throw error
    }
    if (data === null) return null
    const actual = await sha256Hex(data)
    if (actual === hashOfMediaId(id)) return data
    const reason =
      data.length === 0
        ? 'the picture file is empty (a write cut off by a crash or a full disk)'
        : `its content (sha256 ${actual.slice(0, 12)}…, ${data.length} bytes) is not the picture its name says: the file is torn or was changed`
    const error = new CorruptFileError(path, reason)
    await this.options.quarantine.report(error)
    throw error
  }

  private recordFile(id: MediaId): DurableJsonFile<PictureRecord> {
    return new DurableJsonFile(
      `${this.pathOf(MediaId.parse(id))}.json`,
      (data) => PictureRecord.parse(data),
      'picture record',
    )
  }
}
