import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { ArticleId } from '../../shared/domain/Article'
import type { ArticleIndex, IndexEntry, Location } from './ArticleIndex'
import { CorruptFileError } from './DurableJsonFile'
import type { Quarantine } from './Quarantine'
import { isDurableTempFile } from './writeFileDurably'

const LOCATIONS: Location[] = ['articles', 'trash']
const STAT_BATCH = 64

/**
 * Brings the index in line with the files on disk at start: files the index does not know, or whose
 * mtime or size changed (a crash between writing an article and its index entry, a hand edit), are
 * read again; unreadable files go to quarantine; entries whose file is gone are dropped.
 * Unchanged files are only stat-ed, never parsed.
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
    const names = await readdir(dir)
    const candidates: { id: string; path: string }[] = []
    for (const name of names) {
      const path = join(dir, name)
      if (isDurableTempFile(name)) {
        // A write that never finished was never acknowledged: the previous file is intact.
        await rm(path, { force: true })
        continue
      }
      if (name.startsWith('.')) continue
      const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : ''
      if (!ArticleId.safeParse(id).success) {
        if ((await stat(path)).isFile()) {
          await quarantine.add(path, 'not an article file name (expected <uuid>.json)')
        }
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
    const file = await stat(path)
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
      if (!(error instanceof CorruptFileError)) throw error
      index.delete(id)
      seen.delete(id)
      await quarantine.add(error.path, error.reason)
    }
  }
}
