import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { MediaId } from '../../shared/media/MediaId'

/**
 * The desk's picture files in a folder beside the database (`--media-dir`), one file per media id,
 * each written whole before the database names it: a temp file, fsync, rename, fsync of the folder.
 * Several servers of one desk share it (a network file system), as they share the database.
 */
export class MediaFolder {
  private ready: Promise<void> | null = null

  constructor(readonly dir: string) {}

  async write(id: MediaId, data: Uint8Array): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(() => undefined)
    await this.ready
    const temp = join(this.dir, `.${id}.${randomUUID()}.tmp`)
    try {
      const file = await open(temp, 'wx', 0o600)
      try {
        await file.writeFile(data)
        await file.sync()
      } finally {
        await file.close()
      }
      await rename(temp, join(this.dir, id))
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
    const folder = await open(this.dir, 'r')
    try {
      await folder.sync()
    } finally {
      await folder.close()
    }
  }

  /** The file's bytes; a missing file throws (the database names only files written whole). */
  read(id: MediaId): Promise<Buffer> {
    return readFile(join(this.dir, id))
  }
}
