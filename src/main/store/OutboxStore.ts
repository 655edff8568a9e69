import { join } from 'node:path'
import { z } from 'zod'
import { OutboxItem } from '../../shared/domain/OutboxItem'
import { WRITABLE, type DataDirAccess } from './DataDirAccess'
import { deskIdIn, openDeskId } from './DeskIdFile'
import { JsonDocument } from './JsonDocument'
import type { Quarantine } from './Quarantine'
import { readRegularFile } from './readRegularFile'
import { log } from '../log/log'
import type { RemoteMedia } from '../../cms/CmsClient'

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
  /**
   * The desk's pictures in each site's media library ("<site> <mediaId>": WordPress's attachment id
   * and file address), so a picture is uploaded to a site once, whichever story uses it.
   */
  media: z
    .record(
      z.string(),
      z.object({
        id: z.number().int().positive(),
        url: z.string(),
        described: z.boolean(),
        describedAs: z.string().optional(),
      }),
    )
    .optional(),
})
type OutboxFile = z.infer<typeof OutboxFile>

/** The persistent outbox (outbox.json): pushes survive restarts until the CMS confirms them. */
export class OutboxStore {
  private constructor(
    private readonly doc: JsonDocument<OutboxFile>,
    /** The id of this data folder's desk, written into the posts it makes (see openDeskId). */
    readonly deskId: string,
  ) {}

  static async open(
    dataDir: string,
    quarantine: Quarantine,
    access: DataDirAccess = WRITABLE,
  ): Promise<OutboxStore> {
    let salvaged: string | undefined
    const doc = await JsonDocument.open<OutboxFile>({
      path: join(dataDir, 'outbox.json'),
      what: 'outbox file',
      parse: (d) => OutboxFile.parse(d),
      defaults: () => ({ items: [], remoteIds: {} }),
      quarantine,
      access,
      // The desk id in a damaged outbox, if still legible, must outlive it.
      afterDamage: async (problem) => {
        const text = await readRegularFile(join(dataDir, problem.quarantinedAs)).catch(
          (error: unknown) => {
            log.warn('outbox', 'Could not read the damaged outbox.json for its desk id', error)
            return null
          },
        )
        salvaged = text ? deskIdIn(text) : undefined
        return { items: [], remoteIds: {} }
      },
    })
    // A push that was under way when the app stopped is tried again; the CMS clients make that safe.
    for (const item of doc.data.items) if (item.state === 'sending') item.state = 'queued'
    const deskId = await openDeskId(dataDir, quarantine, access, doc.data.deskId ?? salvaged)
    doc.data.deskId = deskId
    return new OutboxStore(doc, deskId)
  }

  items(): OutboxItem[] {
    return structuredClone(this.doc.data.items)
  }

  remoteId(target: string, site: string, articleId: string): string | null {
    return this.doc.data.remoteIds[`${target} ${site} ${articleId}`] ?? null
  }

  /** The other sites of `target` that have a post of the article, with its id there. */
  remoteIdsElsewhere(target: string, site: string, articleId: string): [string, string][] {
    const found: [string, string][] = []
    for (const [key, id] of Object.entries(this.doc.data.remoteIds)) {
      const [t, s, a] = key.split(' ')
      if (t === target && a === articleId && s && s !== site) found.push([s, id])
    }
    return found
  }

  /** The picture in the site's media library, if it was sent there. */
  media(site: string, mediaId: string): RemoteMedia | null {
    return this.doc.data.media?.[`${site} ${mediaId}`] ?? null
  }

  async putMedia(site: string, mediaId: string, media: RemoteMedia): Promise<void> {
    const all = { ...this.doc.data.media, [`${site} ${mediaId}`]: media }
    await this.doc.save({ ...this.doc.data, media: all })
  }

  async put(item: OutboxItem, remoteId?: string | null): Promise<OutboxItem> {
    const items = this.doc.data.items.filter((existing) => existing.id !== item.id)
    const remoteIds = { ...this.doc.data.remoteIds }
    if (remoteId && item.site) remoteIds[`${item.target} ${item.site} ${item.articleId}`] = remoteId
    await this.doc.save({ ...this.doc.data, items: [...items, OutboxItem.parse(item)], remoteIds })
    return item
  }
}
