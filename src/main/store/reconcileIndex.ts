import type { Dirent } from 'node:fs'
import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ArticleId } from '../../shared/domain/Article'
import type { ArticleIndex, IndexEntry, Location } from './ArticleIndex'
import { CorruptFileError } from './DurableJsonFile'
import { FileLeftInPlaceError } from './FileLeftInPlaceError'
import { isErrnoCode } from './isErrnoCode'
import type { Quarantine } from './Quarantine'
import { describeEntry } from './readRegularFile'
import { log } from '../log/log'

const LOCATIONS: Location[] = ['articles', 'trash']
const STAT_BATCH = 64

/**
 * Brings the index in line with the files on disk at start: files the index does not know, or whose
 * mtime or size changed (a crash between writing an article and its index entry, a hand edit), are
 * read again; entries whose file is gone are dropped. Unchanged files are only stat-ed, never parsed.
 *
 * Whatever else is found, every other article still opens: a damaged file, a second copy of an
 * article, or anything named like an article that is not a regular file (a symbolic link, a folder, a
 * FIFO: never followed, never opened) is set aside in quarantine; a file this version cannot open (a
 * newer Copydesk's, one our reader failed on) stays where it is and is reported.
 */
export async function reconcileIndex(
  dataDir: string,
  index: ArticleIndex,
  readEntry: (location: Location, id: string) => Promise<IndexEntry>,
  quarantine: Quarantine,
): Promise<void> {
  const seen = new Set<string>()
  for (const location of LOCATIONS) {
    const dir = join(dataDir, location)
    const entries = await entriesIn(dir)
    const candidates: { id: string; path: string }[] = []
    for (const entry of entries) {
      const name = entry.name
      if (name.startsWith('.')) continue
      const path = join(dir, name)
      const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : ''
      if (!ArticleId.safeParse(id).success) {
        if (entry.isFile())
          await quarantine.add(path, 'not an article file name (expected <uuid>.json)')
        continue
      }
      if (!entry.isFile()) {
        await quarantine.add(
          path,
          `${describeEntry(entry)} named like an article, not an article file; it was not opened`,
        )
        continue
      }
      if (seen.has(id)) {
        await quarantine.add(path, `a second copy of article ${id} (the one in articles/ is kept)`)
        continue
      }
      seen.add(id)
      candidates.push({ id, path })
    }
    for (let i = 0; i < candidates.length; i += STAT_BATCH) {
      const batch = candidates.slice(i, i + STAT_BATCH)
      await Promise.all(batch.map(({ id, path }) => check(location, id, path)))
    }
  }
  for (const entry of index.all()) {
    if (!seen.has(entry.id)) index.delete(entry.id)
  }

  async function check(location: Location, id: string, path: string): Promise<void> {
    const file = await lstat(path).catch((error: unknown) => {
      if (!isErrnoCode(error, 'ENOENT'))
        log.warn('store', `Could not look at article ${id}'s file`, error)
      return null
    })
    if (!file) {
      // Gone since the folder was listed: nothing to read, nothing to report.
      seen.delete(id)
      return
    }
    const known = index.get(id)
    if (
      known &&
      known.location === location &&
      known.mtimeMs === file.mtimeMs &&
      known.size === file.size
    )
      return
    try {
      const fresh = await readEntry(location, id)
      const trashedAt =
        location === 'trash' ? (known?.trashedAt ?? file.mtime.toISOString()) : undefined
      index.set({ ...fresh, trashedAt })
    } catch (error) {
      index.delete(id)
      if (error instanceof CorruptFileError) {
        // Set aside: a copy in the trash may now take its place.
        seen.delete(id)
        await quarantine.add(error.path, error.reason)
      } else if (error instanceof FileLeftInPlaceError) {
        await quarantine.hold(error.path, error.kind, error.reason)
      } else {
        // Not the file's fault as far as anyone knows (a permission, the disk): it stays, reported.
        const detail = error instanceof Error ? error.message : String(error)
        await quarantine.hold(path, 'left-in-place', `could not be read (${detail})`)
      }
    }
  }
}

/** The folder's entries, typed without following links (Node falls back to lstat where needed). */
async function entriesIn(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true })
  } catch (error) {
    // A read-only folder may lack the folders a writable one would have made.
    if (isErrnoCode(error, 'ENOENT')) return []
    throw error
  }
}
