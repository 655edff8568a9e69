import type { Article } from '../../shared/domain/Article'
import { ArticleFiles } from './ArticleFiles'
import { ArticleIndex } from './ArticleIndex'
import { claimDataDir } from './claimDataDir'
import type { DataDirAccess } from './DataDirAccess'
import type { DataDirLock } from './DataDirLock'
import { distrustReason, journalOpened } from './IndexJournal'
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
  /**
   * The built search worker (out/main/searchWorker.js): with it, the first build of the search
   * index reads the files on two threads; without it, on this one.
   */
  searchWorker?: string
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
  /**
   * Settles once the store may write: the journal says a session is open, and after a start that
   * trusted the index, every article file has been checked against it in the background (a file
   * edited in place by hand moves no folder's time). Writes wait for it; it never rejects.
   */
  settled: Promise<void>
  /** Why the index was checked against every file at start; null when the journal vouched for it. */
  fullCheckReason: string | null
}

/**
 * Takes the folder (or opens it read-only), removes what writes killed midway left behind, loads
 * the problem list and the index, and brings the index in line with the article files, setting
 * aside whatever cannot be read, with the problem list written once for all of them.
 *
 * After a clean close the journal vouches for the index, and the list opens from it alone; the same
 * check then runs in the background, before the first write (see `settled`).
 */
export async function openDataDir(
  dataDir: string,
  options: RepositoryOptions,
): Promise<OpenedDataDir> {
  const { lock, access, folders } = await claimDataDir(dataDir, options.purpose)
  try {
    let fullCheckReason = await distrustReason(dataDir, folders)
    // Writes killed midway leave temp files: never acknowledged, the files they replace intact. A
    // clean close left none in articles/ or trash/, and listing those is the slow part of a sweep.
    if (!access.readOnly) await sweepDataDir(dataDir, fullCheckReason ? [] : ['articles', 'trash'])
    const quarantine = await Quarantine.open(dataDir, options.clock ?? systemClock, access)
    if (!fullCheckReason && quarantine.heldFilesAtOpen)
      fullCheckReason = 'files left in place are listed again'
    const opened = await ArticleIndex.open(
      dataDir,
      (error) => quarantine.report(error),
      access,
      !fullCheckReason,
    )
    if (!fullCheckReason && !opened.intact)
      fullCheckReason = 'index.json could not be taken as it is'
    const index = opened.index
    const files = new ArticleFiles(dataDir, options.readArticle ?? migrateArticle)
    const check = () =>
      quarantine.batch(() =>
        reconcileIndex(dataDir, index, (location, id) => files.readEntry(location, id), quarantine),
      )
    if (fullCheckReason) await check()
    const journal = access.readOnly ? Promise.resolve() : journalOpened(dataDir)
    // A failed check leaves the index as the journal vouched for it; a failed journal write means
    // the next start checks every file, as after a crash. Neither must stop this one.
    const settled = Promise.all([
      journal.catch(() => undefined),
      fullCheckReason ? undefined : check().catch(() => undefined),
    ]).then(() => undefined)
    // One folder per article with a history: on a big desk too long to make the start wait for.
    const sweeping = access.readOnly
      ? Promise.resolve()
      : sweepHistoryFolders(dataDir).catch((error: unknown) =>
          log.warn('store', 'Could not sweep the history folders for leftover temp files', error),
        )
    return { lock, access, quarantine, index, files, sweeping, settled, fullCheckReason }
  } catch (error) {
    await lock?.release()
    throw error
  }
}
