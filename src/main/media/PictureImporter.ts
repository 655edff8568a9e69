import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { DeskSettings } from '../../shared/domain/DeskSettings'
import { AppError } from '../../shared/ipc/AppError'
import { checkPicture, checkPictureBytes } from '../../shared/media/checkPicture'
import { pictureLimitsOf, type PictureLimits } from '../../shared/media/PictureLimits'
import type { PictureRecord, Rendition } from '../../shared/media/PictureRecord'
import { isErrnoCode } from '../store/isErrnoCode'
import { describeEntry } from '../store/readRegularFile'
import { makeRenditions } from './makeRenditions'
import type { MediaStore } from './MediaStore'
import { readMetadata } from './readMetadata'

export type PictureImporterOptions = {
  media: MediaStore
  /** The desk's settings as they are now: limits, rendition quality, what renditions keep. */
  settings: () => DeskSettings
  clock: Clock
}

/**
 * Takes a picture in: refused by its size on disk before it is read, then by its bytes (kind, pixel
 * size, whole file) before anything decodes it; stored once under its hash; its newsroom metadata
 * read; its web rendition and thumbnail made off the event loop and stored the same way; its record
 * written last, so a crash midway leaves at worst unrecorded files for the sweep.
 */
export class PictureImporter {
  constructor(private readonly options: PictureImporterOptions) {}

  /** The desk's limits as they are now. */
  limits(): PictureLimits {
    return pictureLimitsOf(this.options.settings())
  }

  /** A picture file on disk; `name` (default the file's) is what messages call it. */
  async importFile(path: string, name = basename(path)): Promise<PictureRecord> {
    const limits = pictureLimitsOf(this.options.settings())
    let handle
    try {
      handle = await open(path, 'r')
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT'))
        throw new AppError('NOT_FOUND', `“${name}” was not found.`, { path })
      if (isErrnoCode(error, 'EACCES') || isErrnoCode(error, 'EPERM'))
        throw new AppError('INVALID_INPUT', `“${name}” cannot be read: permission denied.`)
      throw error
    }
    try {
      const info = await handle.stat()
      if (!info.isFile())
        throw new AppError(
          'INVALID_INPUT',
          `“${name}” is ${describeEntry(info)}, not a picture file.`,
        )
      const tooBig = checkPictureBytes(info.size, limits, name)
      if (tooBig) throw new AppError('INVALID_INPUT', tooBig.message, { reason: tooBig.reason })
      const read = await handle.readFile()
      // A view, not a copy: 15 MB more on the main thread is more work for its collector.
      return await this.importBytes(new Uint8Array(read.buffer, read.byteOffset, read.length), name)
    } finally {
      await handle.close()
    }
  }

  /** A picture already in memory (pasted, dropped, downloaded). */
  async importBytes(data: Uint8Array, name: string): Promise<PictureRecord> {
    const settings = this.options.settings()
    const limits = pictureLimitsOf(settings)
    const checked = checkPicture(data, limits, name)
    if (!checked.ok)
      throw new AppError('INVALID_INPUT', checked.message, { reason: checked.reason })
    const { media } = this.options
    const { id } = await media.put(data, checked.type)
    const known = await media.readRecord(id)
    if (known && (await this.renditionsPresent(known))) return known
    const metadata = await readMetadata(data)
    const files = await makeRenditions(data, {
      quality: settings.pictureWebQuality,
      maxPixels: limits.maxPixels,
      keepCopyright: settings.pictureKeepCopyright,
      keepCredit: settings.pictureKeepCredit,
      metadata,
    })
    const renditions: Rendition[] = []
    for (const file of files) {
      const stored = await media.put(file.data, file.type)
      renditions.push({
        name: file.name,
        id: stored.id,
        type: file.type,
        width: file.width,
        height: file.height,
        bytes: file.data.length,
      })
    }
    const record: PictureRecord = {
      id,
      type: checked.type,
      width: checked.width,
      height: checked.height,
      bytes: checked.bytes,
      importedAt: known?.importedAt ?? isoNow(this.options.clock),
      metadata,
      renditions,
    }
    await media.saveRecord(record)
    return record
  }

  /** A record is reused only while every rendition it lists is still there and sound. */
  private async renditionsPresent(record: PictureRecord): Promise<boolean> {
    if (record.renditions.length === 0) return false
    for (const rendition of record.renditions)
      if (!(await this.options.media.has(rendition.id))) return false
    return true
  }
}
