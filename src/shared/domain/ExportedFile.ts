import { z } from 'zod'
import { ArticleId, EditableFields } from './Article'

/** The two publish formats: Copydesk's own JSON and IPTC ninjs 3.1. */
export const ExportFormat = z.enum(['copydesk', 'ninjs'])
export type ExportFormat = z.infer<typeof ExportFormat>

/** Why a story does not pass the export schema, and the editable field to fix (null: none). */
export const ExportProblem = z.object({
  path: z.string(),
  message: z.string(),
  field: EditableFields.keyof().nullable(),
})
export type ExportProblem = z.infer<typeof ExportProblem>

/** One file an export wrote; `final` is false for a preview of a story not yet approved. */
export const ExportedFile = z.object({
  id: ArticleId,
  headline: z.string(),
  file: z.string(),
  final: z.boolean(),
})
export type ExportedFile = z.infer<typeof ExportedFile>
