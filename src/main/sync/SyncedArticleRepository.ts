import type { Article, ArticleSummary } from '../../shared/domain/Article'
import type { BodyDoc } from '../../shared/domain/DocNode'
import type { StoreProblem } from '../../shared/domain/StoreProblem'
import type { TrashEntry } from '../../shared/domain/TrashEntry'
import type { ArticleRepository } from '../store/ArticleRepository'
import { AppError } from '../../shared/ipc/AppError'
import { articleForStore } from '../store/articleForStore'
import { isErrnoCode } from '../store/isErrnoCode'
import type { KeyedQueue } from '../store/KeyedQueue'
import type { SyncQueue } from './SyncQueue'

/**
 * The local store of a workstation that joined a desk: reads are local; a create or a save is
 * written to the local store and then to the sync queue, both durably, before it resolves. No
 * network on this path: `queued` only wakes the engine, which pushes in the background. The
 * renderer cannot tell it from the standalone store.
 */
export class SyncedArticleRepository implements ArticleRepository {
  /**
   * Saves refused because the queue could not be written (a full disk) after the local write
   * landed: the editor's base, and the local revision that save left. The editor saving again from
   * its base is taken as saving on top of that revision, not as a conflict with its own text.
   */
  private readonly unqueued = new Map<string, { base: number; stored: number }>()

  constructor(
    private readonly local: ArticleRepository,
    private readonly queue: SyncQueue,
    /** Shared with the engine: a remote change and a local save of one story never interleave. */
    private readonly stories: KeyedQueue,
    private readonly queued: () => void = () => {},
    /** A story was read (opened, exported): its pictures are fetched from the desk if missing here. */
    private readonly read: (article: Article) => void = () => {},
  ) {}

  list(): Promise<ArticleSummary[]> {
    return this.local.list()
  }

  async get(id: string): Promise<Article> {
    const article = await this.local.get(id)
    this.read(article)
    return article
  }

  search(query: string): Promise<ArticleSummary[]> {
    return this.local.search(query)
  }

  create(article: Article): Promise<Article> {
    return this.stories.run(article.id, async () => {
      const stored = await this.local.create(article)
      // Kept locally but not queued: the engine queues it at its next start (LocalCopy.recover).
      await this.queue.enqueueSave(stored, stored.revision).catch(refuseUnqueued)
      this.queued()
      return stored
    })
  }

  update(
    id: string,
    baseRevision: number,
    change: (current: Article) => Article,
    keepLinksOf?: BodyDoc,
  ): Promise<Article> {
    // The queue is written beside the local file, not after it: two durable writes in parallel keep
    // a joined workstation's save close to a standalone one's. A local write that fails after the
    // queue's leaves the text queued (it reaches the desk; the editor sees the error and saves again).
    return this.stories.run(id, async () => {
      const retried = this.unqueued.get(id)
      const base = retried?.base === baseRevision ? retried.stored : baseRevision
      let queued: Promise<void> = Promise.resolve()
      const saved = await this.local
        .update(
          id,
          base,
          (current) => {
            const next = articleForStore(change(current), current, keepLinksOf)
            queued = this.queue.enqueueSave(next, next.revision)
            // Awaited below, once the local write is done; a refusal before then is not unhandled.
            queued.catch(() => undefined)
            return next
          },
          keepLinksOf,
        )
        .catch(async (error: unknown) => {
          await queued.catch(() => undefined)
          throw error
        })
      try {
        await queued
      } catch (error) {
        this.unqueued.set(id, { base: baseRevision, stored: saved.revision })
        refuseUnqueued(error)
      }
      this.unqueued.delete(id)
      this.queued()
      return saved
    })
  }

  /**
   * Writes a change to the local store only, not queued as a save: a queued transition carries it
   * to the desk (a submit's new status). Recorded as covered, so a restart does not queue it either.
   */
  updateLocally(
    id: string,
    baseRevision: number,
    change: (current: Article) => Article,
  ): Promise<Article> {
    return this.stories.run(id, async () => {
      const saved = await this.local.update(id, baseRevision, change)
      await this.queue.setTrack(id, { localRevision: saved.revision })
      return saved
    })
  }

  /** The trash is the workstation's own: the desk keeps its stories. */
  trash(id: string, at: string): Promise<TrashEntry> {
    return this.local.trash(id, at)
  }

  restore(id: string): Promise<ArticleSummary> {
    return this.local.restore(id)
  }

  listTrash(): Promise<TrashEntry[]> {
    return this.local.listTrash()
  }

  tags(): Promise<string[]> {
    return this.local.tags()
  }

  problems(): Promise<StoreProblem[]> {
    return this.local.problems()
  }

  dismissProblem(id: string): Promise<void> {
    return this.local.dismissProblem(id)
  }

  close(): Promise<void> {
    return this.local.close()
  }
}

/**
 * A save whose queue write failed is refused to the editor, never acknowledged: on a full disk in
 * words the editor can act on (the editor keeps the text and saves again).
 */
function refuseUnqueued(error: unknown): never {
  if (isErrnoCode(error, 'ENOSPC') || isErrnoCode(error, 'EDQUOT'))
    throw new AppError(
      'IO',
      'The disk is full: this save could not be queued for the desk, so it was refused. Free some space on this computer; the editor keeps your text and saves again.',
    )
  throw error
}
