import { join } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { OutboxItem } from '../../shared/domain/OutboxItem'
import { assertWritable, WRITABLE, type DataDirAccess } from './DataDirAccess'
import { deskIdIn, openDeskId } from './DeskIdFile'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import type { Quarantine } from './Quarantine'
import { readRegularFile } from './readRegularFile'

const OutboxFile = z.object({
  items: z.array(OutboxItem),
  /**
   * The CMS's id for each article, per target and site ("wordpress https://example.com <articleId>"),
   * so a later push to that site updates. Keys from before sites were kept ("wordpress:<articleId>")
   * are not read: an id means something only on its own site (the owner mark finds such posts).
   */
  remoteIds: z.record(z.string(), z.string()),
  /**
   * This data folder's id, as an older Copydesk kept it; desk.json is where it lives now (see
   * openDeskId). Still written here, so a Copydesk from before desk.json finds the same id.
   */
  deskId: z.uuid().optional(),
})
type OutboxFile = z.infer<typeof OutboxFile>

/** The persistent outbox (outbox.json): pushes survive restarts until the CMS confirms them. */
export class OutboxStore {
  private constructor(
    private readonly db: Low<OutboxFile>,
    /** The id of this data folder's desk, written into the posts it makes (see openDeskId). */
    readonly deskId: string,
    private readonly access: DataDirAccess,
  ) {}

  static async open(
    dataDir: string,
    quarantine: Quarantine,
    access: DataDirAccess = WRITABLE,
  ): Promise<OutboxStore> {
    const adapter = new DurableJsonFile(
      join(dataDir, 'outbox.json'),
      (d) => OutboxFile.parse(d),
      'outbox file',
    )
    const db = new Low<OutboxFile>(adapter, { items: [], remoteIds: {} })
    let salvaged: string | undefined
    try {
      await db.read()
    } catch (error) {
      if (error instanceof CorruptFileError) {
        // Set aside; the desk id in it, if still legible, must outlive it.
        const problem = await quarantine.add(error.path, error.reason)
        const text = await readRegularFile(join(dataDir, problem.quarantinedAs)).catch(() => null)
        salvaged = text ? deskIdIn(text) : undefined
      } else if (!(await quarantine.report(error))) throw error
    }
    // A push that was under way when the app stopped is tried again; the CMS clients make that safe.
    for (const item of db.data.items) if (item.state === 'sending') item.state = 'queued'
    const deskId = await openDeskId(dataDir, quarantine, access, db.data.deskId ?? salvaged)
    db.data.deskId = deskId
    return new OutboxStore(db, deskId, access)
  }

  items(): OutboxItem[] {
    return structuredClone(this.db.data.items)
  }

  remoteId(target: string, site: string, articleId: string): string | null {
    return this.db.data.remoteIds[`${target} ${site} ${articleId}`] ?? null
  }

  /** The other sites of `target` that have a post of the article, with its id there. */
  remoteIdsElsewhere(target: string, site: string, articleId: string): [string, string][] {
    const found: [string, string][] = []
    for (const [key, id] of Object.entries(this.db.data.remoteIds)) {
      const [t, s, a] = key.split(' ')
      if (t === target && a === articleId && s && s !== site) found.push([s, id])
    }
    return found
  }

  async put(item: OutboxItem, remoteId?: string | null): Promise<OutboxItem> {
    assertWritable(this.access)
    const items = this.db.data.items.filter((existing) => existing.id !== item.id)
    this.db.data.items = [...items, OutboxItem.parse(item)]
    if (remoteId && item.site)
      this.db.data.remoteIds[`${item.target} ${item.site} ${item.articleId}`] = remoteId
    await this.db.write()
    return item
  }
}
