import { z } from 'zod'
import { ArticleId, ArticleStatus } from '../../domain/Article'
import { ExportedFile, ExportFormat, ExportProblem } from '../../domain/ExportedFile'
import type { CallGroup } from '../CallDeclaration'
import { NeedsCorrectionDetails, NotFoundDetails, ReadOnlyDetails } from './commonErrors'

export const ExportArticlesInput = z.strictObject({
  ids: z.array(ArticleId).max(10_000).optional(),
  status: ArticleStatus.optional(),
  format: ExportFormat,
  dir: z.string().trim().min(1, 'Choose a folder').max(1000),
  /** The correction note for readers, for one story published before and approved again. */
  correction: z.string().trim().max(2000).optional(),
})

/** A story that does not pass the export schema: every failing field, to take the editor there. */
export const ExportRefusedDetails = z.object({ problems: z.array(ExportProblem) })

/** Publish-ready JSON: checked against the schema, and written to a folder. */
export const exportCalls = {
  validateExport: {
    input: z.strictObject({ id: ArticleId, format: ExportFormat }),
    output: z.array(ExportProblem),
    errors: { NOT_FOUND: NotFoundDetails },
    writes: false,
  },
  exportArticles: {
    input: ExportArticlesInput,
    output: z.array(ExportedFile),
    errors: {
      NOT_FOUND: NotFoundDetails,
      REFUSED: z.union([ExportRefusedDetails, NeedsCorrectionDetails, ReadOnlyDetails]),
    },
    writes: true,
  },
} satisfies CallGroup
