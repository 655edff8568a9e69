import type { Article, ArticleSummary } from '../../shared/domain/Article'
import type { BodyDoc } from '../../shared/domain/DocNode'
import { AppError } from '../../shared/ipc/AppError'
import type { StoreProblem } from '../../shared/domain/StoreProblem'
import type { TrashEntry } from '../../shared/domain/TrashEntry'
import type { ArticleFiles } from './ArticleFiles'
import { toSummary, type ArticleIndex, type IndexEntry, type Location } from './ArticleIndex'
import type { ArticleRepository } from './ArticleRepository'
import { articleForStore } from './articleForStore'
import { ArticleSearch } from './ArticleSearch'
import { assertWritable, type DataDirAccess } from './DataDirAccess'
import type { DataDirLock } from './DataDirLock'
import { CorruptFileError } from './DurableJsonFile'
import { FileLeftInPlaceError } from './FileLeftInPlaceError'
import { journalClosed } from './IndexJournal'
import { KeyedQueue } from './KeyedQueue'
import { openDataDir, type OpenedDataDir, type RepositoryOptions } from './openDataDir'
import type { Quarantine } from './Quarantine'
import { startSearchWorker } from './SearchWorker'

export type { RepositoryOptions } from './openDataDir'

/**
 * One lowdb document per article (articles/<id>.json, trash/<id>.json) and a lowdb index for the
 * list, so a save writes one small file whatever the size of the desk.
 */
export class LowdbArticleRepository implements ArticleRepository {
  private readonly perArticle = new KeyedQueue()
  private closed = false
  private readonly articleSearch: ArticleSearch
  private readonly lock: DataDirLock | null
  private readonly index: ArticleIndex
  private readonly files: ArticleFiles
  /** The sweep of the history folders, run in the background after open. */
  private readonly sweeping: Promise<void>
  /** See OpenedDataDir.settled: every write waits for it. */
  private readonly settled: Promise<void>
  private readonly dataDir: string
  /** Why the start checked every article file; null when the journal vouched for the index. */
  readonly fullCheckReason: string | null
  /** Shared with the other stores in this data folder, so there is one problems list. */
  readonly quarantine: Quarantine
  /** Whether the folder can be written; shared with the other stores too. */
  readonly access: DataDirAccess

  private constructor(dataDir: string, opened: OpenedDataDir, searchWorker?: string) {
    this.lock = opened.lock
    this.index = opened.index
    this.files = opened.files
    this.sweeping = opened.sweeping
    this.settled = opened.settled
    this.fullCheckReason = opened.fullCheckReason
    this.dataDir = dataDir
    this.quarantine = opened.quarantine
    this.access = opened.access
    this.articleSearch = new ArticleSearch({
      dataDir,
      index: this.index,
      inQueue: (id, task) => this.perArticle.run(id, task),
      pathOf: (location, id) => this.files.pathOf(location, id),
      helper: searchWorker ? (job) => startSearchWorker(searchWorker, job) : undefined,
    })
  }

  static async open(dataDir: string, options: RepositoryOptions): Promise<LowdbArticleRepository> {
    return new LowdbArticleRepository(
      dataDir,
      await openDataDir(dataDir, options),
      options.searchWorker,
    )
  }

  async list(): Promise<ArticleSummary[]> {
    this.assertOpen()
    return [...this.index.newestFirst()]
  }

  async search(query: string): Promise<ArticleSummary[]> {
    this.assertOpen()
    await this.settled
    return (await this.articleSearch.match(query, this.index.newestFirst())) ?? this.list()
  }

  /** Builds the search index in the background of whoever calls it first (see ArticleSearch.warm). */
  warmSearch(): Promise<void> {
    return this.settled.then(() => this.articleSearch.warm())
  }

  /**
   * Settles once the article files have been checked against the index (in the background, after a
   * start the journal vouched for), so the list holds whatever was changed by hand meanwhile.
   */
  checked(): Promise<void> {
    return this.settled
  }

  /**
   * Waits for the store's background work (the start check, the search index build and its save, the
   * sweep) and writes the coalesced article list now: the folder then holds still until the next change.
   */
  async idle(): Promise<void> {
    await this.settled
    await this.articleSearch.idle()
    await this.sweeping
    await this.index.flush()
  }

  async listTrash(): Promise<TrashEntry[]> {
    this.assertOpen()
    return this.index.trashed()
  }

  get(id: string): Promise<Article> {
    this.assertOpen()
    return this.perArticle.run(id, () => this.readLive(id))
  }

  create(article: Article): Promise<Article> {
    this.assertOpen()
    assertWritable(this.access)
    return this.perArticle.run(article.id, async () => {
      await this.settled
      if (this.index.get(article.id))
        throw new AppError('CONFLICT', `Article ${article.id} already exists.`)
      const stored = articleForStore(article)
      await this.write('articles', stored)
      return stored
    })
  }

  /**
   * See ArticleRepository.update. `keepLinksOf`: a restored revision's body, whose links may come back
   * as they were stored (see articleForStore).
   */
  update(
    id: string,
    baseRevision: number,
    change: (current: Article) => Article,
    keepLinksOf?: BodyDoc,
  ): Promise<Article> {
    this.assertOpen()
    assertWritable(this.access)
    return this.perArticle.run(id, async () => {
      await this.settled
      const current = await this.readLive(id)
      if (current.revision !== baseRevision) {
        throw new AppError(
          'CONFLICT',
          `This article was saved elsewhere (revision ${current.revision}) since you opened revision ${baseRevision}. ` +
            'Your text is kept; compare and merge before saving again.',
          { current },
        )
      }
      const next = articleForStore(change(current), current, keepLinksOf)
      await this.write('articles', next)
      return next
    })
  }

  trash(id: string, at: string): Promise<TrashEntry> {
    return this.move(id, 'articles', 'trash', at).then((entry) => ({
      ...toSummary(entry),
      trashedAt: entry.trashedAt ?? at,
    }))
  }

  restore(id: string): Promise<ArticleSummary> {
    return this.move(id, 'trash', 'articles').then(toSummary)
  }

  async tags(): Promise<string[]> {
    return this.index.tags()
  }

  async problems(): Promise<StoreProblem[]> {
    return this.quarantine.list()
  }

  dismissProblem(id: string): Promise<void> {
    return this.quarantine.dismiss(id)
  }

  /**
   * Saves what is pending and lets go of the folder. Every step is tried even if one fails (the
   * folder went read-only under us, the disk is full); then one error says what could not be done.
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const failed: string[] = []
    const attempt = async (what: string, step: () => Promise<void>) => {
      await step().catch((error: unknown) => {
        failed.push(`${what} (${error instanceof Error ? error.message : String(error)})`)
      })
    }
    await attempt('search', () => this.articleSearch.stop())
    await this.settled
    await this.perArticle.drain()
    await this.sweeping
    if (!this.access.readOnly) await attempt('the search index', () => this.articleSearch.save())
    await attempt('the article list', () => this.index.flush())
    // Only a close that wrote everything lets the next start trust the index.
    if (!this.access.readOnly && failed.length === 0)
      await attempt('the index journal', () => journalClosed(this.dataDir))
    const lockStayed = await this.lock?.release()
    if (lockStayed) failed.push(lockStayed)
    if (failed.length > 0)
      throw new AppError(
        'INTERNAL',
        `Copydesk closed, but not everything could be written: ${failed.join('; ')}. Every acknowledged article is on disk; the next start rebuilds the rest.`,
      )
  }

  private async readLive(id: string): Promise<Article> {
    const entry = this.index.get(id)
    if (!entry || entry.location !== 'articles') {
      const where = entry ? ' It is in the trash; restore it first.' : ''
      throw new AppError('NOT_FOUND', `Article ${id} was not found.${where}`, { id })
    }
    try {
      return await this.files.read('articles', id)
    } catch (error) {
      if (error instanceof CorruptFileError || error instanceof FileLeftInPlaceError) {
        this.index.delete(id)
        await this.quarantine.report(error)
      }
      throw error
    }
  }

  private async write(location: Location, article: Article): Promise<void> {
    const entry = await this.files.write(location, article)
    this.articleSearch.written(article)
    this.index.set(entry)
  }

  private move(id: string, from: Location, to: Location, at?: string): Promise<IndexEntry> {
    this.assertOpen()
    assertWritable(this.access)
    return this.perArticle.run(id, async () => {
      await this.settled
      const entry = this.index.get(id)
      if (!entry || entry.location !== from) {
        throw new AppError(
          'NOT_FOUND',
          `Article ${id} is not in ${from === 'trash' ? 'the trash' : 'the desk'}.`,
          { id },
        )
      }
      await this.files.move(id, from, to)
      const moved: IndexEntry = {
        ...entry,
        location: to,
        trashedAt: to === 'trash' ? at : undefined,
      }
      this.index.set(moved)
      return moved
    })
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('INTERNAL', 'The article store is closed.')
  }
}
