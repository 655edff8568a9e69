import { z } from 'zod'
import { Article, ArticleId, ArticleStatus } from '../../domain/Article'
import { WorkflowAction } from '../../domain/workflow'

/** What the desk's story calls answer and refuse with: stories, leases, notes, conflicts. */
export const Iso = z.iso.datetime()
export const RevisionNumber = z.number().int().min(1)
/** A revision number in a query string. */
export const RevisionParam = z.coerce.number().int().min(1).max(2_147_483_647)

/** An account as others see it on a story: its id (what every rule compares) and its name. */
export const DeskPerson = z.object({ accountId: z.uuid(), name: z.string() })
export type DeskPerson = z.infer<typeof DeskPerson>

/** Who is editing a story: "editing since 14:02, Asha". `yours` when the caller's device holds it. */
export const StoryLease = z.object({
  holder: DeskPerson,
  since: Iso,
  expiresAt: Iso,
  yours: z.boolean(),
})
export type StoryLease = z.infer<typeof StoryLease>

/** A live lease on the desk and its story: a workstation's list shows "Editing: Asha since 14:02". */
export const LiveLease = StoryLease.extend({ storyId: ArticleId })
export type LiveLease = z.infer<typeof LiveLease>

/** One line of the desk's list, for a workstation's first sync and the desk's queue. */
export const StorySummary = z.object({
  id: ArticleId,
  headline: z.string(),
  status: ArticleStatus,
  currentRevision: RevisionNumber,
  approvedRevision: RevisionNumber.nullable(),
  createdBy: DeskPerson,
  lease: StoryLease.nullable(),
  updatedAt: Iso,
})
export type StorySummary = z.infer<typeof StorySummary>

/**
 * A story as the desk has it now: the current revision's document with the server's workflow
 * fields (status, approval, notes of state changes, publication), and the approval bound to the
 * exact revision approved.
 */
export const StoryView = z.object({
  document: Article,
  revision: RevisionNumber,
  status: ArticleStatus,
  createdBy: DeskPerson,
  savedBy: DeskPerson,
  savedAt: Iso,
  approvedRevision: RevisionNumber.nullable(),
  approvedBy: DeskPerson.nullable(),
  approvedAt: Iso.nullable(),
  /** The revision that went out with the last publish or correction. */
  publishedRevision: RevisionNumber.nullable(),
  lease: StoryLease.nullable(),
})
export type StoryView = z.infer<typeof StoryView>

/**
 * Set (true) on the answer to a replay: the desk already had this write under the id the client
 * gave it, so nothing was changed now and the answer is that write's outcome.
 */
export const Replayed = { replayed: z.boolean().optional() }

/** A save's or transition's answer: the story, and whether it answers a replay. */
export const WrittenStory = StoryView.extend(Replayed)
export type WrittenStory = z.infer<typeof WrittenStory>

/** One stored revision, exactly as it was saved (its workflow fields as they were then). */
export const StoryRevision = z.object({
  document: Article,
  revision: RevisionNumber,
  baseRevision: RevisionNumber.nullable(),
  savedBy: DeskPerson,
  savedAt: Iso,
})
export type StoryRevision = z.infer<typeof StoryRevision>

/** The desk's current version, sent with a conflict so a workstation can Compare, Keep mine or Take theirs. */
export const CurrentVersion = z.object({
  document: Article,
  revision: RevisionNumber,
  savedBy: DeskPerson,
  savedAt: Iso,
})
export type CurrentVersion = z.infer<typeof CurrentVersion>

/** Who took a story's lease over, when and why: what its former holder is told. */
export const LeaseTakeOver = z.object({ takenBy: DeskPerson, at: Iso, note: z.string() })
export type LeaseTakeOver = z.infer<typeof LeaseTakeOver>

/** A copy kept instead of stored: a save its device made after its lease was taken over. */
export const KeptCopySummary = z.object({
  id: z.uuid(),
  articleId: ArticleId,
  baseRevision: RevisionNumber.nullable(),
  headline: z.string(),
  savedBy: DeskPerson,
  savedAt: Iso,
  reason: z.literal('lease_taken_over'),
  takeOver: LeaseTakeOver.nullable(),
})
export type KeptCopySummary = z.infer<typeof KeptCopySummary>

export const KeptCopy = KeptCopySummary.extend({ document: Article })
export type KeptCopy = z.infer<typeof KeptCopy>

/**
 * Why a save or a transition did not go through against the desk's version. `stale`: the base
 * revision is not the current one; `exists`: a new story's id is already on the desk (made on another
 * workstation); `lease_taken_over`: the caller's lease was taken, the save is kept as `keptCopy`.
 */
export const StoryConflictDetails = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('stale'), current: CurrentVersion }),
  z.object({ reason: z.literal('exists'), current: CurrentVersion }),
  z.object({
    reason: z.literal('lease_taken_over'),
    current: CurrentVersion,
    keptCopy: KeptCopySummary,
    takeOver: LeaseTakeOver,
  }),
])
export type StoryConflictDetails = z.infer<typeof StoryConflictDetails>

/** A live lease held by someone else. */
export const LeaseHeldDetails = z.object({
  reason: z.literal('lease_held'),
  holder: DeskPerson,
  since: Iso,
  expiresAt: Iso,
  /**
   * The desk's time when it refused: `expiresAt` less this is how long the lease has left, whatever
   * the caller's clock says (a workstation waits that long before sending again).
   */
  at: Iso.optional(),
  /** The holder is the caller's own account, on another of its devices. */
  yourAccount: z.boolean().optional(),
})
export type LeaseHeldDetails = z.infer<typeof LeaseHeldDetails>

/** The story's state does not allow the save or the action. */
export const WorkflowRefusedDetails = z.object({
  reason: z.enum(['not_editable', 'workflow']),
  status: ArticleStatus,
  action: WorkflowAction.optional(),
})
export type WorkflowRefusedDetails = z.infer<typeof WorkflowRefusedDetails>

export const StoryRefusedDetails = z.discriminatedUnion('reason', [
  LeaseHeldDetails,
  WorkflowRefusedDetails.extend({ reason: z.literal('not_editable') }),
  WorkflowRefusedDetails.extend({ reason: z.literal('workflow') }),
])
export type StoryRefusedDetails = z.infer<typeof StoryRefusedDetails>

export const StoryNotFoundDetails = z.object({ id: z.string(), revision: z.number().optional() })

/** A renewal after a take-over: the holder is told who took the story, when, and their note. */
export const LeaseLostDetails = z
  .object({ reason: z.literal('lease_taken_over') })
  .extend(LeaseTakeOver.shape)
export type LeaseLostDetails = z.infer<typeof LeaseLostDetails>

export const StoryNote = z.object({
  id: z.uuid(),
  articleId: ArticleId,
  revision: RevisionNumber.nullable(),
  author: DeskPerson,
  body: z.string(),
  createdAt: Iso,
})
export type StoryNote = z.infer<typeof StoryNote>

/** An added note; `replayed` when the desk already had a note with the id sent. */
export const AddedNote = StoryNote.extend(Replayed)
export type AddedNote = z.infer<typeof AddedNote>

export const StoryAuditEntry = z.object({
  id: z.number().int(),
  at: Iso,
  actor: DeskPerson.nullable(),
  action: z.string(),
  revision: RevisionNumber.nullable(),
  detail: z.record(z.string(), z.unknown()),
})
export type StoryAuditEntry = z.infer<typeof StoryAuditEntry>

/** What is wrong with the input, in words. */
export const ProblemsDetails = z.object({ problems: z.array(z.string()) })
