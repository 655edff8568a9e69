import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { Article } from '../../shared/domain/Article'
import { AuditEntry, EditorialNote, RevisionMeta } from '../../shared/domain/History'
import { AppError } from '../../shared/ipc/AppError'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import type { Quarantine } from './Quarantine'
import { KeyedQueue } from './KeyedQueue'

const HistoryFile = z.object({
  audit: z.array(AuditEntry),
  notes: z.array(EditorialNote),
  revisions: z.array(RevisionMeta),
})
type HistoryFile = z.infer<typeof HistoryFile>

/**
 * Per article: an append-only audit trail, editorial notes and revision snapshots, in
 * history/<id>.json (lowdb) with each snapshot's full text in history/<id>/<seq>.json.
 * Nothing here is ever rewritten except by appending.
 */
export class HistoryRepository {
  private readonly queue = new KeyedQueue()

  constructor(
    private readonly dataDir: string,
    private readonly quarantine: Quarantine,
  ) {}

  async read(id: string): Promise<HistoryFile> {
    const db = await this.open(id)
    return db.data
  }

  appendAudit(id: string, entry: AuditEntry): Promise<void> {
    return this.change(id, (data) => data.audit.push(AuditEntry.parse(entry)))
  }

  addNote(id: string, note: EditorialNote): Promise<void> {
    return this.change(id, (data) => data.notes.push(EditorialNote.parse(note)))
  }

  /** Keeps the full article as the next revision snapshot. */
  snapshot(id: string, meta: Omit<RevisionMeta, 'seq'>, article: Article): Promise<RevisionMeta> {
    return this.queue.run(id, async () => {
      const db = await this.open(id)
      const seq = (db.data.revisions.at(-1)?.seq ?? 0) + 1
      const full = RevisionMeta.parse({ ...meta, seq })
      await mkdir(join(this.dataDir, 'history', id), { recursive: true })
      await new DurableJsonFile(
        this.snapshotPath(id, seq),
        (d) => Article.parse(d),
        'revision',
      ).write(article)
      db.data.revisions.push(full)
      await db.write()
      return full
    })
  }

  async readSnapshot(id: string, seq: number): Promise<Article> {
    const article = await new DurableJsonFile(
      this.snapshotPath(id, seq),
      (d) => Article.parse(d),
      'revision',
    ).read()
    if (!article) throw new AppError('NOT_FOUND', `Revision ${seq} of article ${id} was not found.`)
    return article
  }

  private change(id: string, apply: (data: HistoryFile) => void): Promise<void> {
    return this.queue.run(id, async () => {
      const db = await this.open(id)
      apply(db.data)
      await db.write()
    })
  }

  private async open(id: string): Promise<Low<HistoryFile>> {
    await mkdir(join(this.dataDir, 'history'), { recursive: true })
    const adapter = new DurableJsonFile(
      join(this.dataDir, 'history', `${id}.json`),
      (d) => HistoryFile.parse(d),
      'history file',
    )
    const db = new Low<HistoryFile>(adapter, { audit: [], notes: [], revisions: [] })
    try {
      await db.read()
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error
      // Set the damaged file aside and carry on with a fresh trail that says so.
      await this.quarantine.add(error.path, error.reason)
      db.data = { audit: [], notes: [], revisions: [] }
      db.data.audit.push({
        at: new Date().toISOString(),
        by: 'Copydesk',
        action: 'history-reset',
        note: `The history file was damaged and set aside: ${error.reason}`,
      })
    }
    return db
  }

  private snapshotPath(id: string, seq: number): string {
    return join(this.dataDir, 'history', id, `${seq}.json`)
  }
}
