import { z } from 'zod'
import { ArticleId } from '../../domain/Article'
import { OutboxItem, PushOutcome, PushTarget } from '../../domain/OutboxItem'
import type { CallGroup } from '../CallDeclaration'
import { NeedsCorrectionDetails, NotFoundDetails, ReadOnlyDetails } from './commonErrors'
import { ExportRefusedDetails } from './exportCalls'

/** Pushes to the CMS (WordPress or a webhook), queued in the outbox and watched until live. */
export const outboxCalls = {
  pushArticle: {
    input: z.strictObject({
      id: ArticleId,
      target: PushTarget,
      /** The correction note for readers, for a story published before. */
      correction: z.string().trim().max(2000).optional(),
    }),
    output: PushOutcome,
    errors: {
      NOT_FOUND: NotFoundDetails,
      REFUSED: z.union([ExportRefusedDetails, NeedsCorrectionDetails, ReadOnlyDetails]),
    },
    writes: true,
  },
  checkPush: {
    input: z.strictObject({ id: z.uuid() }),
    output: PushOutcome,
    errors: { REFUSED: ReadOnlyDetails },
    writes: true,
  },
  listOutbox: {
    input: z.strictObject({ articleId: ArticleId.optional() }),
    output: z.array(OutboxItem),
    errors: {},
    writes: false,
  },
  retryPush: {
    input: z.strictObject({ id: z.uuid() }),
    output: OutboxItem,
    errors: { REFUSED: ReadOnlyDetails },
    writes: true,
  },
} satisfies CallGroup
