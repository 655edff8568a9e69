import { z } from 'zod'
import { ArticleId } from '../../domain/Article'
import type { CallGroup } from '../CallDeclaration'
import { NoInput } from './articleCalls'

const Time = z.iso.datetime({ offset: true })

/**
 * Who may edit a story open in this workstation's editor, as the desk's lease says:
 * - `standalone`: no desk joined, nothing changes;
 * - `yours`: this workstation holds the lease (renewed while the editor is open);
 * - `not-on-desk`: the story has not reached the desk yet, so nobody else can edit it;
 * - `held`: another person edits it: read-only here, `canTakeOver` for a desk chief;
 * - `taken-over`: a desk chief took it from this workstation: read-only, the unsynced text is kept
 *   as a version;
 * - `offline`: the desk could not be asked: editing goes on (the queue and conflict copies keep the
 *   text), the editor says the lease could not be taken.
 */
export const EditingLease = z.discriminatedUnion('state', [
  z.object({ state: z.literal('standalone') }),
  z.object({ state: z.literal('yours'), since: Time, expiresAt: Time }),
  z.object({ state: z.literal('not-on-desk') }),
  z.object({
    state: z.literal('held'),
    holder: z.string(),
    since: Time,
    canTakeOver: z.boolean(),
  }),
  z.object({ state: z.literal('taken-over'), takenBy: z.string(), at: Time, note: z.string() }),
  z.object({ state: z.literal('offline'), reason: z.string() }),
])
export type EditingLease = z.infer<typeof EditingLease>

/** A story's lease as an open editor watches it: `version` grows with every change. */
export const EditingState = z.object({
  storyId: ArticleId,
  version: z.number().int().min(0),
  lease: EditingLease,
})
export type EditingState = z.infer<typeof EditingState>

/** Another person's lease on a story, for the article list and the desk queue. */
export const LeaseLine = z.object({ storyId: ArticleId, holder: z.string(), since: Time })
export type LeaseLine = z.infer<typeof LeaseLine>

const StoryInput = z.strictObject({ storyId: ArticleId })

/** Story leases on a joined workstation (issue 15): nothing changes on a standalone one. */
export const leaseCalls = {
  /** The editor opened a story: take its lease (renewed until closeEditing) and say who may edit. */
  openForEditing: { input: StoryInput, output: EditingState, errors: {}, writes: false },
  /**
   * The lease of a story open here, answered at once when its version is above `after`, else when
   * it changes or after `waitMs` (a long poll: the editor calls it in a loop).
   */
  watchEditing: {
    input: z.strictObject({
      storyId: ArticleId,
      after: z.number().int().min(0),
      waitMs: z.number().int().min(0).max(25_000).default(0),
    }),
    output: EditingState,
    errors: {},
    writes: false,
  },
  /** The editor closed: let the lease go. */
  closeEditing: {
    input: StoryInput,
    output: z.object({ released: z.boolean() }),
    errors: {},
    writes: false,
  },
  /** A desk chief takes another person's lease, with a note the holder is shown. */
  takeOverLease: {
    input: z.strictObject({
      storyId: ArticleId,
      note: z.string().trim().min(1, 'Say why you take the story over').max(2000),
    }),
    output: EditingState,
    errors: {
      FORBIDDEN: z.object({ reason: z.literal('not-desk-chief') }),
      /** Standalone, or the desk could not be reached: nothing was taken. */
      REFUSED: z.object({ reason: z.enum(['standalone', 'offline', 'not-on-desk']) }),
    },
    writes: false,
  },
  /** Other people's live leases on the desk's stories (none on a standalone workstation). */
  listLeases: {
    input: NoInput,
    output: z.object({ leases: z.array(LeaseLine) }),
    errors: {},
    writes: false,
  },
} satisfies CallGroup
