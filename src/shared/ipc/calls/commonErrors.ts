import { z } from 'zod'
import { Article, ArticleId, ArticleStatus } from '../../domain/Article'
import { WorkflowAction } from '../../domain/workflow'

/** An article the call names is not on the desk (or no longer). */
export const NotFoundDetails = z.object({ id: z.string() })

/** A write refused up front because the data folder cannot be written. */
export const ReadOnlyDetails = z.object({ readOnly: z.literal(true) })

/** A save from a revision that is no longer the latest: the stored article, to compare and merge. */
export const ConflictDetails = z.object({ current: Article })

/** An edit to a story whose status keeps it read-only. */
export const LockedDetails = z.object({ status: ArticleStatus })

/** A workflow step the story's status or the desk's rules do not allow. */
export const TransitionRefusedDetails = z.object({ action: WorkflowAction, status: ArticleStatus })

/**
 * A story published before, exported or pushed again without a correction note for readers; an
 * export names the stories (it may cover several).
 */
export const NeedsCorrectionDetails = z.object({
  needsCorrection: z.literal(true),
  ids: z.array(ArticleId).optional(),
})
