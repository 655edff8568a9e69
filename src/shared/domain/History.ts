import { z } from 'zod'
import { ArticleStatus } from './Article'

/** One line of the append-only audit trail. */
export const AuditEntry = z.object({
  at: z.iso.datetime(),
  by: z.string(),
  action: z.string(),
  from: ArticleStatus.optional(),
  to: ArticleStatus.optional(),
  note: z.string().optional(),
  revision: z.number().int().optional(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** Why a snapshot of the article was kept. */
export const SnapshotReason = z.enum([
  'created',
  'state-change',
  'saved-version',
  'autosave',
  'restored',
  /** Listed again from its snapshot file after the history file was damaged or fell behind. */
  'recovered',
  /** A workstation's own text, kept when the desk had another version (or refused it) in sync. */
  'conflict-copy',
])
export type SnapshotReason = z.infer<typeof SnapshotReason>

/** True for a reason this version knows; a newer Copydesk's reason is kept as it was written. */
export function isSnapshotReason(value: string): value is SnapshotReason {
  return SnapshotReason.safeParse(value).success
}

export const RevisionMeta = z.object({
  seq: z.number().int().min(1),
  at: z.iso.datetime(),
  by: z.string(),
  status: ArticleStatus,
  /**
   * Read tolerantly: a reason this version does not know (a newer Copydesk's, as 'recovered' was
   * unknown to the one before) is kept as written, never a reason to take the history for damaged.
   */
  reason: z.union([SnapshotReason, z.string().min(1)]),
  note: z.string().optional(),
  articleRevision: z.number().int(),
})
export type RevisionMeta = z.infer<typeof RevisionMeta>

/** An editorial note: for the desk only, never exported. */
export const EditorialNote = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  by: z.string(),
  text: z.string().min(1).max(5000),
})
export type EditorialNote = z.infer<typeof EditorialNote>

/** One article's history list: its audit trail, the desk's notes and its numbered versions. */
export const HistoryFile = z.object({
  audit: z.array(AuditEntry),
  notes: z.array(EditorialNote),
  revisions: z.array(RevisionMeta),
})
export type HistoryFile = z.infer<typeof HistoryFile>
