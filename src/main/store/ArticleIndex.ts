import { join } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { ArticleSummary } from '../../shared/domain/Article'
import type { TrashEntry } from '../../shared/domain/TrashEntry'
import { WRITABLE, type DataDirAccess } from './DataDirAccess'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'

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
const INDEX_VERSION = 5

const IndexFile = z.object({
  schemaVersion: z.literal(INDEX_VERSION),
  entries: z.record(z.string(), IndexEntry),
})
type IndexFile = z.infer<typeof IndexFile>

function parseIndex(data: unknown): IndexFile {
  const version = z.object({ schemaVersion: z.number() }).safeParse(data)
  if (version.success && version.data.schemaVersion !== INDEX_VERSION) return emptyIndex()
  return IndexFile.parse(data)
}

function emptyIndex(): IndexFile {
  return { schemaVersion: INDEX_VERSION, entries: {} }
}

/**
 * At 10,000 articles the index is megabytes of JSON, and every autosave changes an entry: writing it
 * after each one cost more than the save. Being a cache checked against the files at start, it can
 * wait a couple of seconds and take a burst of saves in one write.
 */
const FLUSH_DELAY_MS = 2_000

/**
 * The list of articles, kept in one small lowdb file so the list opens without reading every
 * article. It is a cache: article files are the truth, and the index is checked against them
 * (by mtime and size) at start, so its writes can be coalesced off the save path.
 */
export class ArticleIndex {
  private timer: NodeJS.Timeout | undefined
  private flushing: Promise<void> = Promise.resolve()
  private dirty = false
  /** Goes up with every change, so readers can cache what they derive from the entries. */
  version = 0
  private newestFirstCache: { version: number; summaries: ArticleSummary[] } | undefined

  private constructor(
    private readonly db: Low<IndexFile>,
    private readonly access: DataDirAccess,
  ) {}

  /**
   * Loads the index; a corrupt one is reported through `onCorrupt` and rebuilt from the files. So is
   * one our reader failed on, or one that cannot be read at all (another user's, a disk error): it is
   * a cache, written over, and never a reason not to start.
   */
  static async open(
    dataDir: string,
    onCorrupt: (error: CorruptFileError) => Promise<unknown>,
    access: DataDirAccess = WRITABLE,
  ): Promise<ArticleIndex> {
    const adapter = new DurableJsonFile(join(dataDir, 'index.json'), parseIndex, 'article index')
    const db = new Low<IndexFile>(adapter, emptyIndex())
    try {
      await db.read()
    } catch (error) {
      if (error instanceof CorruptFileError) await onCorrupt(error)
      db.data = emptyIndex()
    }
    return new ArticleIndex(db, access)
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
    return this.db.data.entries[id]
  }

  all(): IndexEntry[] {
    return Object.values(this.db.data.entries)
  }

  set(entry: IndexEntry): void {
    this.db.data.entries[entry.id] = entry
    this.version += 1
    this.scheduleFlush()
  }

  delete(id: string): void {
    const { [id]: _removed, ...rest } = this.db.data.entries
    this.db.data.entries = rest
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
          await this.db.write()
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
    this.timer = setTimeout(() => {
      // A failed background flush is retried on the next change or at close; the files are the truth.
      this.flush().catch(() => undefined)
    }, FLUSH_DELAY_MS)
    this.timer.unref()
  }
}

/** The summary an index entry holds, without what only the index needs. */
export function toSummary(entry: IndexEntry): ArticleSummary {
  const { location: _l, trashedAt: _t, mtimeMs: _m, size: _s, ...summary } = entry
  return summary
}

/** ISO timestamps sort as plain strings; localeCompare would cost a tenth of a second at 10,000. */
function byNewest(a: ArticleSummary, b: ArticleSummary): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0
}
