import { z } from 'zod'
import { Article, ArticleId, ArticleSummary } from '../../domain/Article'
import { WorkflowAction } from '../../domain/workflow'
import type { CallGroup } from '../CallDeclaration'
import { NoInput } from './articleCalls'
import { NotFoundDetails, ReadOnlyDetails, TransitionRefusedDetails } from './commonErrors'

export const TransitionInput = z.strictObject({
  id: ArticleId,
  action: WorkflowAction,
  note: z.string().max(5000).optional(),
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
  setCorrectionNote: {
    input: z.strictObject({ id: ArticleId, note: z.string().trim().min(1).max(2000) }),
    output: Article,
    errors: { NOT_FOUND: NotFoundDetails, REFUSED: ReadOnlyDetails },
    writes: true,
  },
} satisfies CallGroup
