import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Article } from '../../shared/domain/Article'
import { isoNow, systemClock, type Clock } from '../../shared/domain/Clock'
import { AuditEntry, EditorialNote, HistoryFile, RevisionMeta } from '../../shared/domain/History'
import { AppError } from '../../shared/ipc/AppError'
import { assertWritable, WRITABLE, type DataDirAccess } from './DataDirAccess'
import { DurableJsonFile } from './DurableJsonFile'
import { JsonDocument } from './JsonDocument'
import { isErrnoCode } from './isErrnoCode'
import { KeyedQueue } from './KeyedQueue'
import { migrateArticle } from './migrateArticle'
import type { HistoryStore } from './HistoryStore'
import type { Quarantine } from './Quarantine'
import { createFileDurably } from './writeFileDurably'
import { OWNER_ONLY_DIR } from './ownerOnly'
import { log } from '../log/log'

const SNAPSHOT_NAME = /^([1-9]\d{0,8})\.json$/

/**
 * Per article: an append-only audit trail, editorial notes and revision snapshots, in
 * history/<id>.json (lowdb) with each snapshot's full text in history/<id>/<seq>.json.
 * The trail and the notes only grow (an entry is never changed or removed, though the list file is
 * written whole, durably, on every change), and a snapshot file is never replaced: the
 * snapshot files are the truth about revisions, and the list is made whole from them whenever it is
 * damaged or behind (a crash between writing a snapshot and listing it).
 */
export class HistoryRepository implements HistoryStore {
  private readonly queue = new KeyedQueue()

  constructor(
    private readonly dataDir: string,
    private readonly quarantine: Quarantine,
    private readonly access: DataDirAccess = WRITABLE,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * The article's history, in its queue: a read that listed a snapshot again while the snapshot was
   * being listed would write its older copy of the list over the changes made since.
   */
  read(id: string): Promise<HistoryFile> {
    return this.queue.run(id, async () => (await this.open(id)).data)
  }

  appendAudit(id: string, entry: AuditEntry): Promise<void> {
    return this.change(id, (data) => data.audit.push(AuditEntry.parse(entry)))
  }

  addNote(id: string, note: EditorialNote): Promise<void> {
    return this.change(id, (data) => data.notes.push(EditorialNote.parse(note)))
  }

  /** Keeps the full article as the next revision snapshot, in a file of its own that nothing replaces. */
  snapshot(id: string, meta: Omit<RevisionMeta, 'seq'>, article: Article): Promise<RevisionMeta> {
    assertWritable(this.access)
    return this.queue.run(id, async () => {
      const db = await this.open(id)
      await mkdir(join(this.dataDir, 'history', id), { recursive: true, mode: OWNER_ONLY_DIR })
      const text = JSON.stringify(article)
      const listed = db.data.revisions.map((revision) => revision.seq)
      let seq = Math.max(0, ...listed, ...(await this.snapshotSeqs(id))) + 1
      for (;;) {
        try {
          await createFileDurably(this.snapshotPath(id, seq), text)
          break
        } catch (error) {
          // A snapshot file that the list does not name yet (read since): it is kept, we take the next.
          if (!isErrnoCode(error, 'EEXIST')) throw error
          seq += 1
        }
      }
      const full = RevisionMeta.parse({ ...meta, seq })
      db.data.revisions.push(full)
      await db.save()
      return full
    })
  }

  async readSnapshot(id: string, seq: number): Promise<Article> {
    const article = await this.snapshotFile(id, seq).read()
    if (!article) throw new AppError('NOT_FOUND', `Revision ${seq} of article ${id} was not found.`)
    return article
  }

  private change(id: string, apply: (data: HistoryFile) => void): Promise<void> {
    assertWritable(this.access)
    return this.queue.run(id, async () => {
      const db = await this.open(id)
      apply(db.data)
      await db.save()
    })
  }

  /** Reads the history file, made whole from the snapshot files; only ever called in the queue. */
  private async open(id: string): Promise<JsonDocument<HistoryFile>> {
    if (!this.access.readOnly)
      await mkdir(join(this.dataDir, 'history'), { recursive: true, mode: OWNER_ONLY_DIR })
    const doc = await JsonDocument.open<HistoryFile>({
      path: join(this.dataDir, 'history', `${id}.json`),
      what: 'history file',
      parse: (d) => HistoryFile.parse(d),
      defaults: () => ({ audit: [], notes: [], revisions: [] }),
      quarantine: this.quarantine,
      access: this.access,
      // A file our own reader failed on stays where it is, listed; nothing here may write over it.
      refuseLeftInPlace: true,
      // The damaged file is set aside (never deleted); the trail carries on and says so.
      afterDamage: (_problem, error) => ({
        audit: [
          {
            at: isoNow(this.clock),
            by: 'Copydesk',
            action: 'history-reset',
            note: `The history file could not be read and was set aside: ${error.reason}. Revisions are listed again from their snapshot files.`,
          },
        ],
        notes: [],
        revisions: [],
      }),
    })
    if ((await this.recoverRevisions(id, doc.data)) && !this.access.readOnly) await doc.save()
    return doc
  }

  /**
   * Lists again every snapshot file the list does not name; true when it added any. A snapshot that
   * cannot be read is still not listed, but its number is never given to a new snapshot (see snapshot).
   */
  private async recoverRevisions(id: string, data: HistoryFile): Promise<boolean> {
    const listed = new Set(data.revisions.map((revision) => revision.seq))
    const missing = (await this.snapshotSeqs(id)).filter((seq) => !listed.has(seq))
    let added = false
    for (const seq of missing) {
      const article = await this.snapshotFile(id, seq)
        .read()
        .catch((error: unknown) => {
          log.warn('history', `Revision snapshot history/${id}/${seq}.json could not be read`, error)
          return null
        })
      if (!article) continue
      data.revisions.push({
        seq,
        at: article.updatedAt,
        by: 'Copydesk',
        status: article.status,
        reason: 'recovered',
        note: `Listed again from history/${id}/${seq}.json: the history file had lost it.`,
        articleRevision: article.revision,
      })
      added = true
    }
    if (added) data.revisions.sort((a, b) => a.seq - b.seq)
    return added
  }

  /** The numbers of the snapshot files present, lowest first. */
  private async snapshotSeqs(id: string): Promise<number[]> {
    let names: string[]
    try {
      names = await readdir(join(this.dataDir, 'history', id))
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return []
      throw error
    }
    return names
      .map((name) => Number(SNAPSHOT_NAME.exec(name)?.[1] ?? 0))
      .filter((seq) => seq > 0)
      .sort((a, b) => a - b)
  }

  private snapshotFile(id: string, seq: number): DurableJsonFile<Article> {
    return new DurableJsonFile(this.snapshotPath(id, seq), migrateArticle, 'revision')
  }

  private snapshotPath(id: string, seq: number): string {
    return join(this.dataDir, 'history', id, `${seq}.json`)
  }
}
