import type { DeskClient } from '../../shared/desk/createDeskClient'
import type { Clock } from '../../shared/domain/Clock'
import type { ArticleRepository } from '../store/ArticleRepository'
import type { HistoryStore } from '../store/HistoryStore'
import { KeyedQueue } from '../store/KeyedQueue'
import type { MediaStore } from '../media/MediaStore'
import { DeskPictures } from './DeskPictures'
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
  /** The data folder's pictures: they travel with the stories to and from the desk. */
  media?: MediaStore | undefined
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
  const pictures =
    options.media === undefined
      ? null
      : new DeskPictures({ client: options.client, media: options.media })
  const localCopy = new LocalCopy({
    ...options,
    queue,
    stories,
    onApplied: (before, view) => {
      pictures?.want(view.document)
      options.onApplied?.(before, view)
    },
  })
  const engine = new SyncEngine({ ...options, localCopy, queue, cursor, pictures })
  const repository = new SyncedArticleRepository(
    options.local,
    queue,
    stories,
    () => engine.queued(),
    (article) => pictures?.want(article),
  )
  return { repository, engine, queue, cursor, pictures }
}
