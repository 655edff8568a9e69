import { join } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { ArticleSummary } from '../../shared/domain/Article'
import type { TrashEntry } from '../../shared/domain/TrashEntry'
import { WRITABLE, type DataDirAccess } from './DataDirAccess'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import { log } from '../log/log'

export const Location = z.enum(['articles', 'trash'])
export type Location = z.infer<typeof Location>

export const IndexEntry = ArticleSummary.extend({
  location: Location,
  trashedAt: z.iso.datetime().optional(),
  /** The article file's mtime and size when this entry was made: a mismatch means re-read it. */
  mtimeMs: z.number(),
  size: z.number().int(),
})
export type IndexEntry = z.infer<typeof IndexEntry>

/** Bumped when IndexEntry changes; an index of another version is rebuilt from the files, silently. */
const INDEX_VERSION = 7

/** Entries newest first, so the list a start derives from them is sorted already. */
const IndexFile = z.object({
  schemaVersion: z.literal(INDEX_VERSION),
  entries: z.array(IndexEntry),
})
type IndexFile = z.infer<typeof IndexFile>

function parseIndex(data: unknown): IndexFile {
  const version = z.object({ schemaVersion: z.number() }).safeParse(data)
  if (version.success && version.data.schemaVersion !== INDEX_VERSION) return emptyIndex()
  return IndexFile.parse(data)
}

/**
 * Only a shape check, for an index the journal vouches for (see IndexJournal): at 10,000 articles a
 * full parse of every entry cost more than the rest of the start together.
 */
function isIndexFile(data: unknown): data is IndexFile {
  return (
    typeof data === 'object' &&
    data !== null &&
    'schemaVersion' in data &&
    data.schemaVersion === INDEX_VERSION &&
    'entries' in data &&
    Array.isArray(data.entries)
  )
}

function emptyIndex(): IndexFile {
  return { schemaVersion: INDEX_VERSION, entries: [] }
}

/**
 * At 10,000 articles the index is megabytes of JSON, and every autosave changes an entry: writing it
 * after each one cost more than the save. Being a cache checked against the files at start, it can
 * wait a couple of seconds and take a burst of saves in one write.
 */
const FLUSH_DELAY_MS = 2_000

/**
 * And longer the larger it is: a 10,000-article index (4.8 MB) written every 2 s held the disk for
 * 50-150 ms each time, and a save's fsync landing then waited for it (the sync bench saw an index
 * write beside 9 of its 10 slowest probes). A millisecond per entry makes that one write in 10 s
 * at 10,000 articles; a crash costs only a re-read of the files saved since (see reconcileIndex).
 */
const FLUSH_DELAY_MS_PER_ENTRY = 1

/**
 * The list of articles, kept in one small lowdb file so the list opens without reading every
 * article. It is a cache: article files are the truth, and the index is checked against them
 * (by mtime and size) at start, so its writes can be coalesced off the save path.
 */
export class ArticleIndex {
  private readonly entries: Map<string, IndexEntry>
  private timer: NodeJS.Timeout | undefined
  private flushing: Promise<void> = Promise.resolve()
  private dirty = false
  /** Goes up with every change, so readers can cache what they derive from the entries. */
  version = 0
  private newestFirstCache: { version: number; summaries: ArticleSummary[] } | undefined

  private constructor(
    db: Low<IndexFile>,
    private readonly file: DurableJsonFile<IndexFile>,
    private readonly access: DataDirAccess,
  ) {
    this.entries = new Map(db.data.entries.map((entry) => [entry.id, entry]))
  }

  /**
   * Loads the index; `trusted` (the journal vouches for the file) skips parsing every entry, and
   * `intact` says the file was taken as it was. A corrupt one is reported through `onCorrupt` and rebuilt from the files. So is
   * one our reader failed on, or one that cannot be read at all (another user's, a disk error): it is
   * a cache, written over, and never a reason not to start.
   */
  static async open(
    dataDir: string,
    onCorrupt: (error: CorruptFileError) => Promise<unknown>,
    access: DataDirAccess = WRITABLE,
    trusted = false,
  ): Promise<{ index: ArticleIndex; intact: boolean }> {
    let intact = false
    const parse = (data: unknown): IndexFile => {
      if (trusted && isIndexFile(data)) {
        intact = true
        return data
      }
      return parseIndex(data)
    }
    const adapter = new DurableJsonFile(join(dataDir, 'index.json'), parse, 'article index')
    const db = new Low<IndexFile>(adapter, emptyIndex())
    try {
      await db.read()
    } catch (error) {
      if (error instanceof CorruptFileError) await onCorrupt(error)
      db.data = emptyIndex()
    }
    return { index: new ArticleIndex(db, adapter, access), intact }
  }

  /** Articles not in the trash, newest first; derived again only when the index has changed. */
  newestFirst(): ArticleSummary[] {
    if (this.newestFirstCache?.version !== this.version) {
      const summaries = this.all()
        .filter((entry) => entry.location === 'articles')
        .map(toSummary)
        .sort(byNewest)
      this.newestFirstCache = { version: this.version, summaries }
    }
    return this.newestFirstCache.summaries
  }

  /** Articles in the trash, most recently trashed first. */
  trashed(): TrashEntry[] {
    return this.all()
      .filter((entry) => entry.location === 'trash')
      .map((entry) => ({ ...toSummary(entry), trashedAt: entry.trashedAt ?? entry.updatedAt }))
      .sort((a, b) => b.trashedAt.localeCompare(a.trashedAt))
  }

  get(id: string): IndexEntry | undefined {
    return this.entries.get(id)
  }

  all(): IndexEntry[] {
    return [...this.entries.values()]
  }

  set(entry: IndexEntry): void {
    this.entries.set(entry.id, entry)
    this.version += 1
    this.scheduleFlush()
  }

  delete(id: string): void {
    if (!this.entries.delete(id)) return
    this.version += 1
    this.scheduleFlush()
  }

  /** Every tag used on the desk, most used first: suggestions for the tag field. */
  tags(): string[] {
    const counts = new Map<string, number>()
    for (const entry of this.all())
      for (const tag of entry.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1)
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag)
  }

  /** Writes pending changes now; on a read-only folder the index lives in memory only. */
  async flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.access.readOnly) return
    this.flushing = this.flushing
      .catch(() => undefined)
      .then(async () => {
        if (!this.dirty) return
        this.dirty = false
        try {
          await this.file.writeText(await indexText(this.all().sort(byNewest)))
        } catch (error) {
          this.dirty = true
          throw error
        }
      })
    return this.flushing
  }

  private scheduleFlush(): void {
    this.dirty = true
    if (this.timer || this.access.readOnly) return
    const delay = Math.max(FLUSH_DELAY_MS, this.entries.size * FLUSH_DELAY_MS_PER_ENTRY)
    this.timer = setTimeout(() => {
      // A failed background flush is retried on the next change or at close; the files are the truth.
      this.flush().catch((error: unknown) =>
        log.warn('store', 'Could not write the article index; it is tried again later', error),
      )
    }, delay)
    this.timer.unref()
  }
}

/** Entries serialised between two turns of the event loop (about 2 ms on this machine). */
const ENTRIES_PER_SLICE = 500

/**
 * The index file's text, made a slice of entries at a time: at 10,000 articles one JSON.stringify
 * held the event loop for tens of milliseconds every two seconds of saving, and a change arriving
 * from the desk (or a keystroke's save) waited behind it. Entries are replaced, never changed in
 * place, so the array taken at the start stays what it was while the slices are made.
 */
async function indexText(entries: IndexEntry[]): Promise<string> {
  const slices: string[] = []
  for (let from = 0; from < entries.length; from += ENTRIES_PER_SLICE) {
    if (from > 0) await new Promise((resolve) => setImmediate(resolve))
    slices.push(
      entries
        .slice(from, from + ENTRIES_PER_SLICE)
        .map((entry) => JSON.stringify(entry))
        .join(','),
    )
  }
  return `{"schemaVersion":${INDEX_VERSION},"entries":[${slices.join(',')}]}`
}

/**
 * The summary an index entry holds, without what only the index needs. Field by field: a rest
 * spread took V8's slow path, a third of the list's start at 10,000 articles.
 */
export function toSummary(entry: IndexEntry): ArticleSummary {
  return {
    id: entry.id,
    slug: entry.slug,
    headline: entry.headline,
    status: entry.status,
    author: entry.author,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    revision: entry.revision,
    tags: entry.tags,
    statusChangedAt: entry.statusChangedAt,
    statusNote: entry.statusNote,
    feedItem: entry.feedItem,
    embargoedUntil: entry.embargoedUntil,
    scheduledFor: entry.scheduledFor,
    wordCount: entry.wordCount,
  }
}

/** ISO timestamps sort as plain strings; localeCompare would cost a tenth of a second at 10,000. */
function byNewest(
  a: Pick<ArticleSummary, 'updatedAt'>,
  b: Pick<ArticleSummary, 'updatedAt'>,
): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0
}
