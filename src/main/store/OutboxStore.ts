import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { OutboxItem } from '../../shared/domain/OutboxItem'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import type { Quarantine } from './Quarantine'

const OutboxFile = z.object({
  items: z.array(OutboxItem),
  /** The CMS's id for each article, per target ("wordpress:<articleId>"), so a later push updates. */
  remoteIds: z.record(z.string(), z.string()),
  /** This data folder's id, written into the posts it makes so no other desk takes them for its own. */
  deskId: z.uuid().optional(),
})
type OutboxFile = z.infer<typeof OutboxFile>

/** The persistent outbox (outbox.json): pushes survive restarts until the CMS confirms them. */
export class OutboxStore {
  private constructor(private readonly db: Low<OutboxFile>) {}

  static async open(dataDir: string, quarantine: Quarantine): Promise<OutboxStore> {
    const adapter = new DurableJsonFile(
      join(dataDir, 'outbox.json'),
      (d) => OutboxFile.parse(d),
      'outbox file',
    )
    const db = new Low<OutboxFile>(adapter, { items: [], remoteIds: {} })
    try {
      await db.read()
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error
      await quarantine.add(error.path, error.reason)
    }
    // A push that was under way when the app stopped is tried again; the CMS clients make that safe.
    for (const item of db.data.items) if (item.state === 'sending') item.state = 'queued'
    if (!db.data.deskId) {
      db.data.deskId = randomUUID()
      await db.write()
    }
    return new OutboxStore(db)
  }

  /** The id of this data folder's desk (made once, kept in outbox.json). */
  get deskId(): string {
    return this.db.data.deskId ?? ''
  }

  items(): OutboxItem[] {
    return structuredClone(this.db.data.items)
  }

  remoteId(target: string, articleId: string): string | null {
    return this.db.data.remoteIds[`${target}:${articleId}`] ?? null
  }

  async put(item: OutboxItem, remoteId?: string | null): Promise<OutboxItem> {
    const items = this.db.data.items.filter((existing) => existing.id !== item.id)
    this.db.data.items = [...items, OutboxItem.parse(item)]
    if (remoteId) this.db.data.remoteIds[`${item.target}:${item.articleId}`] = remoteId
    await this.db.write()
    return item
  }
}
