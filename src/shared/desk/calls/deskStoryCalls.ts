import { z } from 'zod'
import { Article, ArticleId, ArticleStatus } from '../../domain/Article'
import { WorkflowAction } from '../../domain/workflow'
import type { DeskCallGroup } from '../DeskCallDeclaration'

const Iso = z.iso.datetime()
const RevisionNumber = z.number().int().min(1)
/** A revision number in a query string. */
const RevisionParam = z.coerce.number().int().min(1).max(2_147_483_647)

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
const Replayed = { replayed: z.boolean().optional() }

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

const StoryRef = z.strictObject({ id: ArticleId })
const NoteText = z.string().trim().min(1, 'Write the note').max(10_000)

export const AddNoteInput = z.strictObject({
  id: ArticleId,
  body: NoteText,
  /** The revision the note is about; the current one when absent. */
  revision: RevisionNumber.optional(),
  /**
   * The workstation's id for the note, kept as the note's id: sent again, the note already on the
   * desk is answered and nothing is added. The id used for another note is INVALID_INPUT.
   */
  noteId: z.uuid().optional(),
})
export type AddNoteInput = z.infer<typeof AddNoteInput>

export const ListStoriesInput = z.strictObject({
  /** The last id of the previous page; the list runs in id order, which no save changes. */
  after: ArticleId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type ListStoriesInput = z.infer<typeof ListStoriesInput>

export const StoryPage = z.object({
  stories: z.array(StorySummary),
  /** Pass as `after` for the next page; null on the last one. */
  next: ArticleId.nullable(),
  /** The change feed's number when this page was read: follow the feed from the first page's. */
  seq: z.number().int().min(0),
})
export type StoryPage = z.infer<typeof StoryPage>

export const SaveStoryInput = z.strictObject({
  document: Article,
  /** The revision the workstation edited; null or absent for a story the desk has not seen yet. */
  baseRevision: RevisionNumber.nullable().optional(),
  /**
   * The workstation's own id for this save (a sync queue's entry), so it can be sent again when its
   * answer was lost: a save whose id the story already has stores nothing and answers the revision
   * (or the CONFLICT with the kept copy) it made. The same id with another document or base revision
   * is INVALID_INPUT. Unique per story; absent, every request is a new save.
   */
  saveId: z.uuid().optional(),
})
export type SaveStoryInput = z.infer<typeof SaveStoryInput>

export const TransitionStoryInput = z.strictObject({
  id: ArticleId,
  action: WorkflowAction,
  /** The revision the action is taken on: an approval is bound to exactly this one. */
  revision: RevisionNumber,
  note: z.string().max(10_000).default(''),
  /**
   * The workstation's own id for this request: sent again, an action the desk already took under it
   * is not taken twice (the answer is the story as it is now, `replayed`). The same id with another
   * action, revision or note is INVALID_INPUT.
   */
  transitionId: z.uuid().optional(),
})
export type TransitionStoryInput = z.infer<typeof TransitionStoryInput>

const LeaseOutput = z.object({ lease: StoryLease })

/** The most stories one `getStories` answers: a page of the first sync. */
export const STORIES_PER_REQUEST = 100

export const GetStoriesInput = z.strictObject({
  ids: z.array(ArticleId).min(1).max(STORIES_PER_REQUEST),
})

/** The stories asked for, in the order asked; `missing` names the ids the desk does not have. */
export const StoriesOutput = z.object({
  stories: z.array(StoryView),
  missing: z.array(ArticleId),
})
export type StoriesOutput = z.infer<typeof StoriesOutput>

/** Stories, revisions, notes, the workflow and edit leases (issue 14, the stories slice). */
export const deskStoryCalls = {
  listStories: {
    method: 'GET',
    path: '/v1/stories',
    access: 'signed-in',
    input: ListStoriesInput,
    output: StoryPage,
    errors: {},
  },
  getStory: {
    method: 'GET',
    path: '/v1/stories/story',
    access: 'signed-in',
    input: StoryRef,
    output: StoryView,
    errors: { NOT_FOUND: StoryNotFoundDetails },
  },
  /**
   * Many stories in one request: a workstation's first sync reads a page of the list at a time,
   * where one request per story spent the device's request allowance (20 a second) on round trips.
   */
  getStories: {
    method: 'POST',
    path: '/v1/stories/many',
    access: 'signed-in',
    input: GetStoriesInput,
    output: StoriesOutput,
    errors: {},
  },
  getRevision: {
    method: 'GET',
    path: '/v1/stories/revision',
    access: 'signed-in',
    input: z.strictObject({ id: ArticleId, number: RevisionParam }),
    output: StoryRevision,
    errors: { NOT_FOUND: StoryNotFoundDetails },
  },
  saveStory: {
    method: 'POST',
    path: '/v1/stories/save',
    access: 'signed-in',
    input: SaveStoryInput,
    output: WrittenStory,
    errors: {
      INVALID_INPUT: ProblemsDetails,
      NOT_FOUND: StoryNotFoundDetails,
      CONFLICT: StoryConflictDetails,
      REFUSED: StoryRefusedDetails,
    },
  },
  transition: {
    method: 'POST',
    path: '/v1/stories/transition',
    access: 'signed-in',
    input: TransitionStoryInput,
    output: WrittenStory,
    errors: {
      INVALID_INPUT: ProblemsDetails,
      NOT_FOUND: StoryNotFoundDetails,
      CONFLICT: StoryConflictDetails,
      REFUSED: StoryRefusedDetails,
    },
  },
  addNote: {
    method: 'POST',
    path: '/v1/stories/notes/add',
    access: 'signed-in',
    input: AddNoteInput,
    output: AddedNote,
    errors: { INVALID_INPUT: ProblemsDetails, NOT_FOUND: StoryNotFoundDetails },
  },
  listNotes: {
    method: 'GET',
    path: '/v1/stories/notes',
    access: 'signed-in',
    input: StoryRef,
    output: z.object({ notes: z.array(StoryNote) }),
    errors: { NOT_FOUND: StoryNotFoundDetails },
  },
  getAudit: {
    method: 'GET',
    path: '/v1/stories/audit',
    access: 'signed-in',
    input: StoryRef,
    output: z.object({ entries: z.array(StoryAuditEntry) }),
    errors: { NOT_FOUND: StoryNotFoundDetails },
  },
  acquireLease: {
    method: 'POST',
    path: '/v1/stories/lease/acquire',
    access: 'signed-in',
    input: StoryRef,
    output: LeaseOutput,
    errors: { NOT_FOUND: StoryNotFoundDetails, REFUSED: LeaseHeldDetails },
  },
  renewLease: {
    method: 'POST',
    path: '/v1/stories/lease/renew',
    access: 'signed-in',
    input: StoryRef,
    output: LeaseOutput,
    errors: {
      NOT_FOUND: StoryNotFoundDetails,
      REFUSED: LeaseHeldDetails,
      CONFLICT: LeaseLostDetails,
    },
  },
  releaseLease: {
    method: 'POST',
    path: '/v1/stories/lease/release',
    access: 'signed-in',
    input: StoryRef,
    output: z.object({ released: z.boolean() }),
    errors: { NOT_FOUND: StoryNotFoundDetails },
  },
  takeOverLease: {
    method: 'POST',
    path: '/v1/stories/lease/take-over',
    access: 'desk-chief',
    input: z.strictObject({ id: ArticleId, note: NoteText.max(2000) }),
    output: LeaseOutput,
    errors: {
      INVALID_INPUT: ProblemsDetails,
      NOT_FOUND: StoryNotFoundDetails,
      FORBIDDEN: z.object({}),
    },
  },
  listKeptCopies: {
    method: 'GET',
    path: '/v1/stories/kept-copies',
    access: 'signed-in',
    input: StoryRef,
    output: z.object({ copies: z.array(KeptCopySummary) }),
    errors: { NOT_FOUND: StoryNotFoundDetails },
  },
  getKeptCopy: {
    method: 'GET',
    path: '/v1/stories/kept-copy',
    access: 'signed-in',
    input: z.strictObject({ id: ArticleId, copyId: z.uuid() }),
    output: KeptCopy,
    errors: { NOT_FOUND: StoryNotFoundDetails },
  },
} satisfies DeskCallGroup
