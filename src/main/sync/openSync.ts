import type { DeskClient } from '../../shared/desk/createDeskClient'
import type { Clock } from '../../shared/domain/Clock'
import type { ArticleRepository } from '../store/ArticleRepository'
import type { HistoryStore } from '../store/HistoryStore'
import { KeyedQueue } from '../store/KeyedQueue'
import type { Quarantine } from '../store/Quarantine'
import { LocalCopy, type LocalCopyOptions } from './LocalCopy'
import { SyncCursor } from './SyncCursor'
import { SyncedArticleRepository } from './SyncedArticleRepository'
import { SyncEngine, type SyncEngineOptions } from './SyncEngine'
import { SyncQueue, type SyncQueueOptions } from './SyncQueue'

export type OpenSyncOptions = {
  dataDir: string
  client: DeskClient
  /** The data folder's own store and history (the standalone ones). */
  local: ArticleRepository
  history: HistoryStore
  quarantine: Quarantine
  clock: Clock
  /** The signed-in account's name, for the versions sync keeps in a story's history. */
  who: string
  queue?: SyncQueueOptions
} & Pick<
  SyncEngineOptions,
  'retry' | 'pageSize' | 'onStatus' | 'onConflict' | 'onLeaseChanged' | 'leaseTimer'
> &
  Pick<LocalCopyOptions, 'onApplied' | 'onNotes'>

/**
 * A joined workstation's store and sync engine over its data folder: hand `repository` to the
 * services in place of the local store, and `engine.start()`.
 */
export async function openSync(options: OpenSyncOptions) {
  const queue = await SyncQueue.open(
    options.dataDir,
    options.quarantine,
    options.clock,
    options.queue,
  )
  const cursor = await SyncCursor.open(options.dataDir, options.quarantine)
  const stories = new KeyedQueue()
  const localCopy = new LocalCopy({ ...options, queue, stories })
  const engine = new SyncEngine({ ...options, localCopy, queue, cursor })
  const repository = new SyncedArticleRepository(options.local, queue, stories, () =>
    engine.queued(),
  )
  return { repository, engine, queue, cursor }
}
