import type { Article, ArticleSummary } from '../../shared/domain/Article'
import { searchableParts } from '../../shared/domain/searchTerms'
import type { ArticleIndex, Location } from './ArticleIndex'
import { claimBatch, type SearchFile } from './readClaimedFiles'
import { readSearchableParts } from './readSearchableParts'
import { SearchIndex } from './SearchIndex'
import { loadSearchSnapshot, saveSearchSnapshot } from './SearchSnapshotFile'
import type { SearchHelper, SearchJob } from './SearchWorker'
import { log } from '../log/log'

/** Files read and indexed in one turn of the event loop (a few milliseconds). */
const READ_BATCH = 32
/** Fewer files to read than this (a start after a saved index, say) are not worth a helper's start. */
const HELPER_FROM = 8 * READ_BATCH

/** What search needs from the store: its index, its files, and running a task in an article's queue. */
export type SearchSource = {
  dataDir: string
  index: Pick<ArticleIndex, 'get' | 'all'>
  inQueue: <T>(id: string, task: () => Promise<T>) => Promise<T>
  pathOf: (location: Location, id: string) => string
  /**
   * Starts another thread on the first build (see startSearchWorker): it and this one take batches
   * of the files as they go. Without it, this thread reads them all.
   */
  helper?: (job: SearchJob) => SearchHelper
}

/**
 * Search over the store's articles: every word of every part, from an in-memory index built once in
 * the background, kept current by the store's writes, and saved in the data folder for the next start.
 */
export class ArticleSearch {
  private readonly words = new SearchIndex()
  private readonly headlines = new SearchIndex()
  private building: Promise<void> | undefined
  /** Whether the index has changed since it was last saved. */
  private changed = false
  private stopped = false
  private helper: SearchHelper | null = null
  /** The saves of the index, one after another; it never rejects. */
  private saving: Promise<void> = Promise.resolve()

  constructor(private readonly source: SearchSource) {}

  /**
   * Builds the index, once; later writes keep it current. A save that lands while a file is read
   * puts its text first, and the older text read here is then dropped (see `readInto`).
   */
  warm(): Promise<void> {
    this.building ??= this.build()
    return this.building
  }

  /** Takes an article the store just wrote; before the build starts, the build will read it. */
  written(article: Article): void {
    if (this.building) this.put(article)
  }

  /**
   * The summaries, in their order, in which every word of `query` begins a word of the article,
   * headline matches first; null for a query without words.
   */
  async match(query: string, newestFirst: ArticleSummary[]): Promise<ArticleSummary[] | null> {
    await this.warm()
    const hits = this.words.match(query)
    if (hits === null) return null
    const inHeadline = this.headlines.match(query) ?? new Set()
    const first: ArticleSummary[] = []
    const rest: ArticleSummary[] = []
    for (const summary of newestFirst) {
      if (hits.has(summary.id)) (inHeadline.has(summary.id) ? first : rest).push(summary)
    }
    return [...first, ...rest]
  }

  /** Settles once a build begun, and the saves begun so far, are done; at once if none was begun. */
  async idle(): Promise<void> {
    await this.building?.catch(() => undefined)
    await this.saving
  }

  /** Stops a build in progress, between two batches, and its helper. */
  async stop(): Promise<void> {
    this.stopped = true
    await this.helper?.stop()
    await this.building
  }

  /**
   * Keeps the index for the next start, once the saves begun before have landed (an older copy
   * must not replace a newer one); it is only a cache, so a failure is let go.
   */
  save(): Promise<void> {
    this.saving = this.saving.then(() => this.saveNow())
    return this.saving
  }

  private async saveNow(): Promise<void> {
    if (!this.building || !this.changed) return
    this.changed = false
    try {
      await saveSearchSnapshot(this.source.dataDir, this.words.snapshot(), (id) =>
        this.source.index.get(id),
      )
    } catch (error) {
      this.changed = true
      log.warn('search', 'Could not save the search index; the next start builds it again', error)
    }
  }

  private put(article: Article): void {
    this.words.put(article.id, () => searchableParts(article))
    this.headlines.put(article.id, () => article.headline)
    this.changed = true
  }

  private async build(): Promise<void> {
    const { index } = this.source
    const saved = await loadSearchSnapshot(this.source.dataDir).catch((error: unknown) => {
      log.warn('search', 'Could not load the saved search index; building it from the files', error)
      return null
    })
    if (saved) {
      this.words.restore(saved.snapshot, (id) => {
        const entry = index.get(id)
        const stamp = saved.stamps.get(id)
        return entry?.mtimeMs === stamp?.mtimeMs && entry?.size === stamp?.size
      })
    }
    for (const entry of index.all())
      if (!this.headlines.has(entry.id)) this.headlines.put(entry.id, () => entry.headline)
    const files = index
      .all()
      .filter((entry) => !this.words.has(entry.id))
      .map((entry): SearchFile => [entry.id, this.source.pathOf(entry.location, entry.id)])
    const started = performance.now()
    const claims = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
    this.helper =
      files.length >= HELPER_FROM && !this.stopped ? this.startHelper(files, claims) : null
    const mine = new Set<number>()
    while (!this.stopped) {
      const from = claimBatch(claims, READ_BATCH)
      if (from >= files.length) break
      mine.add(from)
      await this.readBatch(files.slice(from, from + READ_BATCH))
    }
    // Every batch was read here (a small desk, a worker slow to start): it has nothing to give.
    if (this.helper && mine.size * READ_BATCH >= files.length) {
      await this.helper.stop()
      this.helper = null
    }
    const helped = this.helper ? await this.takeHelpersPart(this.helper, files, mine) : 0
    this.helper = null
    if (this.stopped) return
    log.info(
      'search',
      `Built the search index from ${files.length} files in ${seconds(performance.now() - started)}` +
        (helped > 0 ? `, ${helped} of them read by the search worker` : ''),
    )
    // Search answers from here on; the copy for the next start is written meanwhile (see idle).
    void this.save()
  }

  private startHelper(files: SearchFile[], claims: Int32Array): SearchHelper | null {
    try {
      const helper = this.source.helper?.({ files, claims, batch: READ_BATCH }) ?? null
      // Its failure is taken once this thread has read its own batches (or never, if it is stopped):
      // handled from now on, lest it count as unhandled in the meantime and end the process.
      helper?.done.catch(() => undefined)
      return helper
    } catch (error) {
      log.warn(
        'search',
        'Could not start the search worker; reading every file on this thread',
        error,
      )
      return null
    }
  }

  /**
   * Adds what the helper read, but for articles saved meanwhile: their text, put by the save, is
   * newer than the file it read, as in `readInto`. If it failed, this thread reads its batches.
   * Gives the number of files it read (or tried to).
   */
  private async takeHelpersPart(
    helper: SearchHelper,
    files: SearchFile[],
    mine: Set<number>,
  ): Promise<number> {
    try {
      const { snapshot, unread } = await helper.done
      if (this.stopped) return 0
      this.words.restore(snapshot, (id) => this.source.index.get(id) !== undefined)
      this.changed = true
      await Promise.all(unread.map((id) => this.source.inQueue(id, () => this.readAgain(id))))
      this.words.flush()
      return snapshot.ids.length + unread.length
    } catch (error) {
      if (this.stopped) return 0
      log.warn('search', 'The search worker failed; reading its files on this thread', error)
      for (let from = 0; from < files.length && !this.stopped; from += READ_BATCH)
        if (!mine.has(from)) await this.readBatch(files.slice(from, from + READ_BATCH))
      return 0
    }
  }

  /** Reads and indexes a batch, then lets the process answer saves before the next one. */
  private async readBatch(batch: SearchFile[]): Promise<void> {
    const unread = batch.filter(([id]) => !this.readInto(id))
    await Promise.all(unread.map(([id]) => this.source.inQueue(id, () => this.readAgain(id))))
    this.words.flush()
    this.headlines.flush()
    await new Promise((resolve) => setImmediate(resolve))
  }

  /**
   * Reads an article's searchable text outside its queue and indexes it, unless a save put newer
   * text meanwhile (`written` runs once the save's file is in place, so text read before that is
   * older, and text read after it is the same). False when the file could not be read: it may have
   * been moved to or from the trash meanwhile, so it is read again in the queue.
   */
  private readInto(id: string): boolean {
    const entry = this.source.index.get(id)
    if (!entry || this.words.has(id)) return true
    try {
      this.putParts(id, readSearchableParts(this.source.pathOf(entry.location, id), id))
      return true
    } catch {
      return false
    }
  }

  private async readAgain(id: string): Promise<void> {
    const entry = this.source.index.get(id)
    if (!entry || this.words.has(id)) return
    try {
      this.putParts(id, readSearchableParts(this.source.pathOf(entry.location, id), id))
    } catch (error) {
      // An unreadable file is reported when someone opens it; search simply cannot find it.
      log.warn('search', `Could not read article ${id} for the search index`, error)
    }
  }

  private putParts(id: string, parts: string[]): void {
    this.words.put(id, () => parts)
    this.changed = true
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
