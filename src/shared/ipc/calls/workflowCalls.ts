import { z } from 'zod'
import { Article, ArticleId, ArticleSummary } from '../../domain/Article'
import { WorkflowAction } from '../../domain/workflow'
import type { CallGroup } from '../CallDeclaration'
import { NoInput } from './articleCalls'
import { NotFoundDetails, ReadOnlyDetails, TransitionRefusedDetails } from './commonErrors'

/** A time with its offset ("2026-06-01T06:00:00+02:00" or "…Z"): never a bare local time. */
export const OffsetTime = z.iso.datetime({ offset: true })

export const TransitionInput = z.strictObject({
  id: ArticleId,
  action: WorkflowAction,
  note: z.string().max(5000).optional(),
  /** Approve "for a time": when the story is to go live, with its offset (a desk chief's). */
  scheduleFor: OffsetTime.optional(),
})
export type TransitionInput = z.infer<typeof TransitionInput>

/**
 * The story after a transition. `queuedForDesk`, on a workstation joined to a desk: the action
 * waits in the sync queue, in the words to show ("… will reach the desk when online").
 */
export const TransitionOutput = Article.extend({ queuedForDesk: z.string().optional() })
export type TransitionOutput = z.infer<typeof TransitionOutput>

/** Submit, approve, publish and the rest: a story's status, and the desk chief's queue. */
export const workflowCalls = {
  transition: {
    input: TransitionInput,
    output: TransitionOutput,
    errors: {
      NOT_FOUND: NotFoundDetails,
      REFUSED: z.union([TransitionRefusedDetails, ReadOnlyDetails]),
    },
    writes: true,
  },
  getQueue: { input: NoInput, output: z.array(ArticleSummary), errors: {}, writes: false },
  /** Puts, moves or lifts (null) the story's embargo; moving or lifting one is a desk chief's. */
  setEmbargo: {
    input: z.strictObject({ id: ArticleId, until: OffsetTime.nullable() }),
    output: Article,
    errors: { NOT_FOUND: NotFoundDetails, REFUSED: ReadOnlyDetails },
    writes: true,
  },
  /** Schedules, reschedules or unschedules (null) an approved story's publication. */
  scheduleArticle: {
    input: z.strictObject({ id: ArticleId, at: OffsetTime.nullable() }),
    output: Article,
    errors: { NOT_FOUND: NotFoundDetails, REFUSED: ReadOnlyDetails },
    writes: true,
  },
  setCorrectionNote: {
    input: z.strictObject({ id: ArticleId, note: z.string().trim().min(1).max(2000) }),
    output: Article,
    errors: { NOT_FOUND: NotFoundDetails, REFUSED: ReadOnlyDetails },
    writes: true,
  },
} satisfies CallGroup
