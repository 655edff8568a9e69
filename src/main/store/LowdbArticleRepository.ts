import { lstat, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { Article, type ArticleSummary } from '../../shared/domain/Article'
import { summarize } from '../../shared/domain/summarize'
import { AppError } from '../../shared/ipc/AppError'
import type { StoreProblem, TrashEntry } from '../../shared/ipc/contract'
import type { ArticleRepository } from './ArticleRepository'
import { ArticleIndex, type IndexEntry, type Location } from './ArticleIndex'
import { ArticleSearch } from './ArticleSearch'
import { claimDataDir } from './claimDataDir'
import { assertWritable, type DataDirAccess } from './DataDirAccess'
import type { DataDirLock } from './DataDirLock'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import { FileLeftInPlaceError } from './FileLeftInPlaceError'
import { KeyedQueue } from './KeyedQueue'
import { migrateArticle } from './migrateArticle'
import { Quarantine } from './Quarantine'
import { reconcileIndex } from './reconcileIndex'
import { sweepHistoryFolders, sweepTempFiles } from './sweepTempFiles'
import { syncDirectory } from './writeFileDurably'

export type RepositoryOptions = {
  /** Who holds the lock, shown to a second process: "desktop app", "browser host", "cli". */
  purpose: string
  now?: () => string
  /**
   * Reads a stored article, upgrading older versions (default migrateArticle). Tests pass a newer
   * Copydesk's reader here to see what an upgrade does with the files an older one left in place.
   */
  readArticle?: (data: unknown) => Article
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
  /** The sweep of the history folders, run in the background after open. */
  private sweeping: Promise<void> = Promise.resolve()

  private constructor(
    private readonly dataDir: string,
    private readonly lock: DataDirLock | null,
    private readonly index: ArticleIndex,
    /** Shared with the other stores in this data folder, so there is one problems list. */
    readonly quarantine: Quarantine,
    /** Whether the folder can be written; shared with the other stores too. */
    readonly access: DataDirAccess,
    private readonly readArticle: (data: unknown) => Article,
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
    const { lock, access } = await claimDataDir(dataDir, options.purpose)
    try {
      // Writes killed midway leave temp files; articles/ and trash/ are swept by reconcileIndex.
      if (!access.readOnly)
        for (const dir of ['', 'quarantine', 'history']) await sweepTempFiles(join(dataDir, dir))
      const quarantine = await Quarantine.open(dataDir, now, access)
      const index = await ArticleIndex.open(
        dataDir,
        async (error) => {
          await quarantine.add(error.path, error.reason)
        },
        access,
      )
      const repository = new LowdbArticleRepository(
        dataDir,
        lock,
        index,
        quarantine,
        access,
        options.readArticle ?? migrateArticle,
      )
      await reconcileIndex(
        dataDir,
        index,
        (location, id) => repository.readEntry(location, id),
        quarantine,
        access,
      )
      // One folder per article with a history: on a big desk too long to make the start wait for.
      if (!access.readOnly)
        repository.sweeping = sweepHistoryFolders(dataDir).catch(() => undefined)
      return repository
    } catch (error) {
      await lock?.release()
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
    assertWritable(this.access)
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
    assertWritable(this.access)
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
    await this.sweeping
    if (!this.access.readOnly) await this.articleSearch.save()
    try {
      await this.index.flush()
    } finally {
      await this.lock?.release()
    }
  }

  /** Reads and parses one article file; used by reconciliation and reads. */
  async readEntry(location: Location, id: string): Promise<IndexEntry> {
    const article = await this.readFile(location, id)
    const file = await lstat(this.pathOf(location, id))
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
      if (error instanceof CorruptFileError || error instanceof FileLeftInPlaceError) {
        this.index.delete(id)
        await this.quarantine.report(error)
      }
      throw error
    }
  }

  private async readFile(location: Location, id: string): Promise<Article> {
    const path = this.pathOf(location, id)
    const article = await new DurableJsonFile(path, this.readArticle, 'article').read()
    if (!article) throw new AppError('NOT_FOUND', `Article ${id} was not found.`, { id })
    // A copied or renamed file: which of the two ids is the article's cannot be told, so a person decides.
    if (article.id !== id)
      throw new CorruptFileError(
        path,
        `it holds article ${article.id}, not the ${id} its name says; rename it to ${article.id}.json to bring that article back`,
      )
    return article
  }

  private async write(location: Location, article: Article): Promise<void> {
    const path = this.pathOf(location, article.id)
    const db = new Low<Article>(new DurableJsonFile(path, this.readArticle, 'article'), article)
    await db.write()
    this.articleSearch.written(article)
    const file = await lstat(path)
    this.index.set({ ...summarize(article), location, mtimeMs: file.mtimeMs, size: file.size })
  }

  private move(id: string, from: Location, to: Location, at?: string): Promise<IndexEntry> {
    this.assertOpen()
    assertWritable(this.access)
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
