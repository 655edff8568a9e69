import { z } from 'zod'
import { Article, ArticleId } from '../../domain/Article'
import { WorkflowAction } from '../../domain/workflow'
import type { DeskCallGroup } from '../DeskCallDeclaration'

import {
  AddedNote,
  KeptCopy,
  KeptCopySummary,
  LeaseHeldDetails,
  LeaseLostDetails,
  LiveLease,
  ProblemsDetails,
  RevisionNumber,
  RevisionParam,
  StoryAuditEntry,
  StoryConflictDetails,
  StoryLease,
  StoryNotFoundDetails,
  StoryNote,
  StoryRefusedDetails,
  StoryRevision,
  StorySummary,
  StoryView,
  WrittenStory,
} from './deskStorySchemas'
// The shapes live beside the calls; importers of either keep one import.
export * from './deskStorySchemas'

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
    slow: true,
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
    slow: true,
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
  /**
   * The desk's live leases only (not expired, their device and account still signed in), for a
   * workstation's story list and desk queue: one small answer, where reading the leases off the
   * story list took 20 pages at 10,000 stories.
   */
  listLeases: {
    method: 'GET',
    path: '/v1/stories/leases',
    access: 'signed-in',
    input: z.strictObject({}),
    output: z.object({ leases: z.array(LiveLease) }),
    errors: {},
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
