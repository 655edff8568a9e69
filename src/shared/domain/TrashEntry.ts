import { z } from 'zod'
import { ArticleSummary } from './Article'

/** A story in the trash: its summary and when it was put there. */
export const TrashEntry = ArticleSummary.extend({ trashedAt: z.iso.datetime() })
export type TrashEntry = z.infer<typeof TrashEntry>
