import { z } from 'zod'
import { SyncStatus } from './SyncStatus'

/**
 * A local text the desk did not take as it was. The desk's version became the story; the local
 * text was kept as version `copySeq` in the story's history, where the editor compares it, restores
 * it (Keep mine) or leaves it (Take theirs). Both texts are kept either way.
 */
export const SyncConflictNotice = z.object({
  storyId: z.string(),
  headline: z.string(),
  copySeq: z.number().int().min(0),
  reason: z.enum(['stale', 'exists', 'lease_taken_over', 'refused']),
  /** Who saved the desk's text, and when; null when the desk refused outright. */
  theirs: z
    .object({ revision: z.number().int(), savedBy: z.string(), savedAt: z.iso.datetime() })
    .nullable(),
  /** What happened, in the words the banner shows. */
  message: z.string(),
  at: z.iso.datetime(),
})
export type SyncConflictNotice = z.infer<typeof SyncConflictNotice>

/**
 * Something the desk did to one of this account's stories that the writer must see at once: a note,
 * a story sent back, approved or published by someone else.
 */
export const InboxItem = z.object({
  id: z.string(),
  storyId: z.string(),
  headline: z.string(),
  kind: z.enum(['note', 'sent-back', 'approved', 'published']),
  /** The account that did it, by name. */
  by: z.string(),
  /** The note's text, or the note that came with a sent-back story. */
  body: z.string().nullable(),
  at: z.iso.datetime(),
  read: z.boolean(),
})
export type InboxItem = z.infer<typeof InboxItem>

/**
 * What a window watches while a workstation is joined to a desk. `version` grows with every change
 * to anything here; `storiesVersion` only when stories changed in the local store because of the
 * desk (a window reloads its lists and open story when it moves).
 */
export const SyncSnapshot = z.object({
  version: z.number().int().min(0),
  joined: z.boolean(),
  /** Null on a standalone workstation. */
  status: SyncStatus.nullable(),
  storiesVersion: z.number().int().min(0),
  conflicts: z.array(SyncConflictNotice),
  /** Newest first, the last 100. */
  inbox: z.array(InboxItem).max(100),
})
export type SyncSnapshot = z.infer<typeof SyncSnapshot>
