import { mkdir, rename, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { Article, type ArticleSummary } from '../../shared/domain/Article'
import { searchableText } from '../../shared/domain/searchTerms'
import { summarize } from '../../shared/domain/summarize'
import { AppError } from '../../shared/ipc/AppError'
import type { StoreProblem, TrashEntry } from '../../shared/ipc/contract'
import type { ArticleRepository } from './ArticleRepository'
import { ArticleIndex, type IndexEntry, type Location } from './ArticleIndex'
import { DataDirLock } from './DataDirLock'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import { KeyedQueue } from './KeyedQueue'
import { migrateArticle } from './migrateArticle'
import { Quarantine } from './Quarantine'
import { reconcileIndex } from './reconcileIndex'
import { SearchIndex } from './SearchIndex'
import { loadSearchSnapshot, saveSearchSnapshot } from './SearchSnapshotFile'
import { syncDirectory } from './writeFileDurably'

export type RepositoryOptions = {
  /** Who holds the lock, shown to a second process: "desktop app", "browser host", "cli". */
  purpose: string
  now?: () => string
}

/**
 * One lowdb document per article (articles/<id>.json, trash/<id>.json) and a lowdb index for the
 * list, so a save writes one small file whatever the size of the desk.
 */
export class LowdbArticleRepository implements ArticleRepository {
  private readonly perArticle = new KeyedQueue()
  private closed = false
  private readonly searchIndex = new SearchIndex()
  private readonly headlineIndex = new SearchIndex()
  private newestFirstCache: { version: number; summaries: ArticleSummary[] } | undefined
  private searchWarming: Promise<void> | undefined
  /** Whether the search index has changed since it was last saved. */
  private searchChanged = false

  private constructor(
    private readonly dataDir: string,
    private readonly lock: DataDirLock,
    private readonly index: ArticleIndex,
    /** Shared with the other stores in this data folder, so there is one problems list. */
    readonly quarantine: Quarantine,
  ) {}

  static async open(dataDir: string, options: RepositoryOptions): Promise<LowdbArticleRepository> {
    const now = options.now ?? (() => new Date().toISOString())
    await mkdir(join(dataDir, 'articles'), { recursive: true })
    await mkdir(join(dataDir, 'trash'), { recursive: true })
    const lock = await DataDirLock.acquire(dataDir, options.purpose)
    try {
      const quarantine = await Quarantine.open(dataDir, now)
      const index = await ArticleIndex.open(dataDir, async (error) => {
        await quarantine.add(error.path, error.reason)
      })
      const repository = new LowdbArticleRepository(dataDir, lock, index, quarantine)
      await reconcileIndex(
        dataDir,
        index,
        (location, id) => repository.readEntry(location, id),
        quarantine,
      )
      return repository
    } catch (error) {
      await lock.release()
      throw error
    }
  }

  async list(): Promise<ArticleSummary[]> {
    this.assertOpen()
    return [...this.newestFirst()]
  }

  async search(query: string): Promise<ArticleSummary[]> {
    this.assertOpen()
    await this.warmSearch()
    const hits = this.searchIndex.match(query)
    if (hits === null) return this.list()
    const inHeadline = this.headlineIndex.match(query) ?? new Set()
    const first: ArticleSummary[] = []
    const rest: ArticleSummary[] = []
    for (const summary of this.newestFirst()) {
      if (hits.has(summary.id)) (inHeadline.has(summary.id) ? first : rest).push(summary)
    }
    return [...first, ...rest]
  }

  /**
   * Builds the search index from the article files, once, in the background of whoever calls it
   * first; later writes keep it current. Each file is read in its article's queue, so a save that
   * lands meanwhile is never overwritten by the older text read here.
   */
  warmSearch(): Promise<void> {
    this.searchWarming ??= this.buildSearch()
    return this.searchWarming
  }

  async listTrash(): Promise<TrashEntry[]> {
    this.assertOpen()
    return this.index
      .all()
      .filter((entry) => entry.location === 'trash')
      .map((entry) => ({ ...toSummary(entry), trashedAt: entry.trashedAt ?? entry.updatedAt }))
      .sort((a, b) => b.trashedAt.localeCompare(a.trashedAt))
  }

  get(id: string): Promise<Article> {
    this.assertOpen()
    return this.perArticle.run(id, () => this.readLive(id))
  }

  create(article: Article): Promise<Article> {
    this.assertOpen()
    return this.perArticle.run(article.id, async () => {
      if (this.index.get(article.id))
        throw new AppError('CONFLICT', `Article ${article.id} already exists.`)
      await this.write('articles', Article.parse(article))
      return article
    })
  }

  update(
    id: string,
    baseRevision: number,
    change: (current: Article) => Article,
  ): Promise<Article> {
    this.assertOpen()
    return this.perArticle.run(id, async () => {
      const current = await this.readLive(id)
      if (current.revision !== baseRevision) {
        throw new AppError(
          'CONFLICT',
          `This article was saved elsewhere (revision ${current.revision}) since you opened revision ${baseRevision}. ` +
            'Your text is kept; compare and merge before saving again.',
          { current },
        )
      }
      const next = Article.parse(change(current))
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

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.searchWarming
    await this.perArticle.drain()
    if (this.searchWarming && this.searchChanged) await this.saveSearch()
    try {
      await this.index.flush()
    } finally {
      await this.lock.release()
    }
  }

  /** Reads and parses one article file; used by reconciliation and reads. */
  async readEntry(location: Location, id: string): Promise<IndexEntry> {
    const article = await this.readFile(location, id)
    const file = await stat(this.pathOf(location, id))
    return { ...summarize(article), location, mtimeMs: file.mtimeMs, size: file.size }
  }

  /** Articles not in the trash, newest first, derived again only when the index has changed. */
  private newestFirst(): ArticleSummary[] {
    if (this.newestFirstCache?.version !== this.index.version) {
      const summaries = this.index
        .all()
        .filter((entry) => entry.location === 'articles')
        .map(toSummary)
        .sort(byNewest)
      this.newestFirstCache = { version: this.index.version, summaries }
    }
    return this.newestFirstCache.summaries
  }

  private putInSearch(article: Article): void {
    this.searchIndex.put(article.id, () => searchableText(article))
    this.headlineIndex.put(article.id, () => article.headline)
    this.searchChanged = true
  }

  private async buildSearch(): Promise<void> {
    const saved = await loadSearchSnapshot(this.dataDir).catch(() => null)
    if (saved) {
      this.searchIndex.restore(saved.snapshot, (id) => {
        const entry = this.index.get(id)
        const stamp = saved.stamps.get(id)
        return entry?.mtimeMs === stamp?.mtimeMs && entry?.size === stamp?.size
      })
    }
    for (const entry of this.index.all())
      if (!this.headlineIndex.has(entry.id)) this.headlineIndex.put(entry.id, () => entry.headline)
    const ids = this.index.all().map((entry) => entry.id)
    for (let i = 0; i < ids.length && !this.closed; i += SEARCH_READ_BATCH) {
      await Promise.all(
        ids.slice(i, i + SEARCH_READ_BATCH).map((id) =>
          this.perArticle.run(id, async () => {
            const entry = this.index.get(id)
            if (!entry || this.searchIndex.has(id)) return
            try {
              const article = await this.readFile(entry.location, id)
              this.putInSearch(article)
            } catch {
              // An unreadable file is reported when someone opens it; search simply cannot find it.
            }
          }),
        ),
      )
      // A batch at a time, so the process keeps answering saves while the index is built.
      this.searchIndex.flush()
      this.headlineIndex.flush()
    }
    if (!this.closed && this.searchChanged) await this.saveSearch()
  }

  /** Keeps the search index for the next start; it is only a cache, so a failure is let go. */
  private async saveSearch(): Promise<void> {
    this.searchChanged = false
    try {
      await saveSearchSnapshot(this.dataDir, this.searchIndex.snapshot(), (id) =>
        this.index.get(id),
      )
    } catch {
      this.searchChanged = true
    }
  }

  private async readLive(id: string): Promise<Article> {
    const entry = this.index.get(id)
    if (!entry || entry.location !== 'articles') {
      const where = entry ? ' It is in the trash; restore it first.' : ''
      throw new AppError('NOT_FOUND', `Article ${id} was not found.${where}`, { id })
    }
    try {
      return await this.readFile('articles', id)
    } catch (error) {
      if (error instanceof CorruptFileError) {
        this.index.delete(id)
        await this.quarantine.add(error.path, error.reason)
      }
      throw error
    }
  }

  private async readFile(location: Location, id: string): Promise<Article> {
    const article = await new DurableJsonFile(
      this.pathOf(location, id),
      migrateArticle,
      'article',
    ).read()
    if (!article) throw new AppError('NOT_FOUND', `Article ${id} was not found.`, { id })
    return article
  }

  private async write(location: Location, article: Article): Promise<void> {
    const path = this.pathOf(location, article.id)
    const db = new Low<Article>(new DurableJsonFile(path, migrateArticle, 'article'), article)
    await db.write()
    if (this.searchWarming) this.putInSearch(article)
    const file = await stat(path)
    this.index.set({ ...summarize(article), location, mtimeMs: file.mtimeMs, size: file.size })
  }

  private move(id: string, from: Location, to: Location, at?: string): Promise<IndexEntry> {
    this.assertOpen()
    return this.perArticle.run(id, async () => {
      const entry = this.index.get(id)
      if (!entry || entry.location !== from) {
        throw new AppError(
          'NOT_FOUND',
          `Article ${id} is not in ${from === 'trash' ? 'the trash' : 'the desk'}.`,
          { id },
        )
      }
      await rename(this.pathOf(from, id), this.pathOf(to, id))
      await syncDirectory(join(this.dataDir, to))
      await syncDirectory(join(this.dataDir, from))
      const moved: IndexEntry = {
        ...entry,
        location: to,
        trashedAt: to === 'trash' ? at : undefined,
      }
      this.index.set(moved)
      return moved
    })
  }

  private pathOf(location: Location, id: string): string {
    return join(this.dataDir, location, `${id}.json`)
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('INTERNAL', 'The article store is closed.')
  }
}

function toSummary(entry: IndexEntry): ArticleSummary {
  const { location: _l, trashedAt: _t, mtimeMs: _m, size: _s, ...summary } = entry
  return summary
}

const SEARCH_READ_BATCH = 16

/** ISO timestamps sort as plain strings; localeCompare would cost a tenth of a second at 10,000. */
function byNewest(a: ArticleSummary, b: ArticleSummary): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0
}
