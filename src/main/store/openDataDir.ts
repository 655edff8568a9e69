import type { Article } from '../../shared/domain/Article'
import { ArticleFiles } from './ArticleFiles'
import { ArticleIndex } from './ArticleIndex'
import { claimDataDir } from './claimDataDir'
import type { DataDirAccess } from './DataDirAccess'
import type { DataDirLock } from './DataDirLock'
import { migrateArticle } from './migrateArticle'
import { systemClock, type Clock } from '../../shared/domain/Clock'
import { Quarantine } from './Quarantine'
import { reconcileIndex } from './reconcileIndex'
import { sweepDataDir, sweepHistoryFolders } from './sweepTempFiles'
import { log } from '../log/log'

export type RepositoryOptions = {
  /** Who holds the lock, shown to a second process: "desktop app", "browser host", "cli". */
  purpose: string
  clock?: Clock
  /**
   * Reads a stored article, upgrading older versions (default migrateArticle). Tests pass a newer
   * Copydesk's reader here to see what an upgrade does with the files an older one left in place.
   */
  readArticle?: (data: unknown) => Article
}

/** A data folder made ready for the article store: claimed, swept, its index checked against the files. */
export type OpenedDataDir = {
  lock: DataDirLock | null
  access: DataDirAccess
  quarantine: Quarantine
  index: ArticleIndex
  files: ArticleFiles
  /** The sweep of the history folders, run in the background. */
  sweeping: Promise<void>
}

/**
 * Takes the folder (or opens it read-only), removes what writes killed midway left behind, loads
 * the problem list and the index, and brings the index in line with the article files, setting
 * aside whatever cannot be read, with the problem list written once for all of them.
 */
export async function openDataDir(
  dataDir: string,
  options: RepositoryOptions,
): Promise<OpenedDataDir> {
  const { lock, access } = await claimDataDir(dataDir, options.purpose)
  try {
    // Writes killed midway leave temp files: never acknowledged, the files they replace intact.
    if (!access.readOnly) await sweepDataDir(dataDir)
    const quarantine = await Quarantine.open(dataDir, options.clock ?? systemClock, access)
    const index = await ArticleIndex.open(dataDir, (error) => quarantine.report(error), access)
    const files = new ArticleFiles(dataDir, options.readArticle ?? migrateArticle)
    await quarantine.batch(() =>
      reconcileIndex(dataDir, index, (location, id) => files.readEntry(location, id), quarantine),
    )
    // One folder per article with a history: on a big desk too long to make the start wait for.
    const sweeping = access.readOnly
      ? Promise.resolve()
      : sweepHistoryFolders(dataDir).catch((error: unknown) =>
          log.warn('store', 'Could not sweep the history folders for leftover temp files', error),
        )
    return { lock, access, quarantine, index, files, sweeping }
  } catch (error) {
    await lock?.release()
    throw error
  }
}
