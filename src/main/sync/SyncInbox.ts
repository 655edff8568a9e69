import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { InboxItem, SyncConflictNotice } from '../../shared/domain/SyncSnapshot'
import type { DataDirAccess } from '../store/DataDirAccess'
import { JsonDocument } from '../store/JsonDocument'
import { OWNER_ONLY_DIR } from '../store/ownerOnly'
import type { Quarantine } from '../store/Quarantine'

/** The newest items kept; older ones have long been seen or are in the story's notes and audit. */
export const INBOX_LIMIT = 100

const InboxFile = z.object({
  items: z.array(InboxItem),
  /** Conflicts not settled yet: the banner comes back after a restart until Keep mine or Take theirs. */
  conflicts: z.array(SyncConflictNotice).default([]),
})
type InboxFile = z.infer<typeof InboxFile>

/**
 * The writer's inbox (sync/inbox.json), newest first: what the desk did to this account's stories,
 * kept durably so a restart does not lose what was not read yet. A damaged file is set aside in
 * quarantine (listed for the desk) and the inbox starts empty: the notes and statuses themselves
 * are in the stories and their history.
 */
export class SyncInbox {
  private tail: Promise<unknown> = Promise.resolve()

  private constructor(private readonly doc: JsonDocument<InboxFile>) {}

  static async open(
    dataDir: string,
    quarantine: Quarantine,
    access: DataDirAccess,
  ): Promise<SyncInbox> {
    const dir = join(dataDir, 'sync')
    if (!access.readOnly) await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR })
    const doc = await JsonDocument.open<InboxFile>({
      path: join(dir, 'inbox.json'),
      what: 'sync inbox',
      parse: (data) => InboxFile.parse(data),
      defaults: () => ({ items: [], conflicts: [] }),
      quarantine,
      access,
    })
    return new SyncInbox(doc)
  }

  items(): readonly InboxItem[] {
    return this.doc.data.items
  }

  /** Adds items not already there (by id), newest first; returns the ones added. */
  add(items: readonly InboxItem[]): Promise<InboxItem[]> {
    return this.turn(async () => {
      const have = new Set(this.doc.data.items.map((item) => item.id))
      const fresh = items.filter((item) => !have.has(item.id))
      if (fresh.length === 0) return []
      const all = [...fresh, ...this.doc.data.items]
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, INBOX_LIMIT)
      await this.doc.save({ ...this.doc.data, items: all })
      return fresh
    })
  }

  /** Marks the items read; returns whether anything changed. */
  markRead(ids: readonly string[]): Promise<boolean> {
    return this.turn(async () => {
      const wanted = new Set(ids)
      if (!this.doc.data.items.some((item) => wanted.has(item.id) && !item.read)) return false
      await this.doc.save({
        ...this.doc.data,
        items: this.doc.data.items.map((item) =>
          wanted.has(item.id) ? { ...item, read: true } : item,
        ),
      })
      return true
    })
  }

  conflicts(): readonly SyncConflictNotice[] {
    return this.doc.data.conflicts
  }

  /** Keeps a conflict (the newest for a story replaces an older one: its copy is the newer text). */
  addConflict(conflict: SyncConflictNotice): Promise<void> {
    return this.turn(async () => {
      const others = this.doc.data.conflicts.filter((kept) => kept.storyId !== conflict.storyId)
      await this.doc.save({ ...this.doc.data, conflicts: [conflict, ...others] })
    })
  }

  /** Forgets a story's conflict once settled; returns whether there was one. */
  removeConflict(storyId: string): Promise<boolean> {
    return this.turn(async () => {
      const others = this.doc.data.conflicts.filter((kept) => kept.storyId !== storyId)
      if (others.length === this.doc.data.conflicts.length) return false
      await this.doc.save({ ...this.doc.data, conflicts: others })
      return true
    })
  }

  /** One change at a time, in order: two windows marking at once do not lose either's change. */
  private turn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work)
    this.tail = next.catch(() => undefined)
    return next
  }
}
