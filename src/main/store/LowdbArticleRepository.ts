import { mkdir, rename, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { Article, type ArticleSummary } from '../../shared/domain/Article'
import { summarize } from '../../shared/domain/summarize'
import { AppError } from '../../shared/ipc/AppError'
import type { StoreProblem, TrashEntry } from '../../shared/ipc/contract'
import type { ArticleRepository } from './ArticleRepository'
import { ArticleIndex, type IndexEntry, type Location } from './ArticleIndex'
import { ArticleSearch } from './ArticleSearch'
import { DataDirLock } from './DataDirLock'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import { KeyedQueue } from './KeyedQueue'
import { migrateArticle } from './migrateArticle'
import { Quarantine } from './Quarantine'
import { reconcileIndex } from './reconcileIndex'
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
  private readonly articleSearch: ArticleSearch
  private newestFirstCache: { version: number; summaries: ArticleSummary[] } | undefined

  private constructor(
    private readonly dataDir: string,
    private readonly lock: DataDirLock,
    private readonly index: ArticleIndex,
    /** Shared with the other stores in this data folder, so there is one problems list. */
    readonly quarantine: Quarantine,
  ) {
    this.articleSearch = new ArticleSearch({
      dataDir,
      index,
      inQueue: (id, task) => this.perArticle.run(id, task),
      read: (location, id) => this.readFile(location, id),
    })
  }

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
    return (await this.articleSearch.match(query, this.newestFirst())) ?? this.list()
  }

  /** Builds the search index in the background of whoever calls it first (see ArticleSearch.warm). */
  warmSearch(): Promise<void> {
    return this.articleSearch.warm()
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
    await this.articleSearch.stop()
    await this.perArticle.drain()
    await this.articleSearch.save()
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
    this.articleSearch.written(article)
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

/** ISO timestamps sort as plain strings; localeCompare would cost a tenth of a second at 10,000. */
function byNewest(a: ArticleSummary, b: ArticleSummary): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0
}
