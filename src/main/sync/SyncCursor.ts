import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { OWNER_ONLY_DIR } from '../store/ownerOnly'
import { JsonDocument } from '../store/JsonDocument'
import type { Quarantine } from '../store/Quarantine'

const CursorFile = z.object({
  /** The last feed seq whose change is applied to the local store. */
  seq: z.number().int().min(0),
  /** The first download of the desk's stories: where it stands, so a restart continues it. */
  firstSync: z.object({
    /** The last story id of the last page applied; null before the first page. */
    after: z.uuid().nullable(),
    /** The feed's seq when the first page was read: the feed is followed from there. */
    seq: z.number().int().min(0).nullable(),
    done: z.number().int().min(0),
    finished: z.boolean(),
  }),
})
export type CursorFile = z.infer<typeof CursorFile>

const START: CursorFile = {
  seq: 0,
  firstSync: { after: null, seq: null, done: 0, finished: false },
}

/**
 * Where this workstation stands on the desk (sync/cursor.json): the feed cursor and the first
 * sync's progress, written durably after what they count is in the local store. A damaged file is
 * set aside and the sync starts over from the beginning, which only repeats work.
 */
export class SyncCursor {
  private constructor(private readonly doc: JsonDocument<CursorFile>) {}

  static async open(dataDir: string, quarantine: Quarantine): Promise<SyncCursor> {
    const dir = join(dataDir, 'sync')
    await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR })
    const doc = await JsonDocument.open<CursorFile>({
      path: join(dir, 'cursor.json'),
      what: 'sync cursor',
      parse: (data) => CursorFile.parse(data),
      defaults: () => structuredClone(START),
      quarantine,
    })
    return new SyncCursor(doc)
  }

  get seq(): number {
    return this.doc.data.seq
  }

  get firstSync(): CursorFile['firstSync'] {
    return this.doc.data.firstSync
  }

  saveSeq(seq: number): Promise<void> {
    return this.doc.save({ ...this.doc.data, seq: Math.max(seq, this.doc.data.seq) })
  }

  saveFirstSync(firstSync: CursorFile['firstSync'], seq?: number): Promise<void> {
    const data = this.doc.data
    return this.doc.save({ seq: Math.max(seq ?? 0, data.seq), firstSync })
  }
}
