import { z } from 'zod'
import { Article, ArticleId } from '../../domain/Article'
import { ImportProposal } from '../../import/ImportProposal'
import type { CallGroup } from '../CallDeclaration'
import { NotFoundDetails, ReadOnlyDetails } from './commonErrors'

export const ProposeImportInput = z.strictObject({
  name: z.string().min(1).max(300),
  content: z.string().max(5_000_000, 'Files over 5 MB are not imported'),
})
export type ProposeImportInput = z.infer<typeof ProposeImportInput>

/** The import proposal as it crosses the boundary: one schema, declared with the importer. */
export const ImportProposalOutput = ImportProposal

/** Agency copy read into a proposed article, and the agency kills it may carry. */
export const importCalls = {
  /** Reads a file into a proposal; creating the article is a separate createArticle. */
  proposeImport: {
    input: ProposeImportInput,
    output: ImportProposalOutput,
    errors: {},
    writes: false,
  },
  /** Keeps an agency's kill on the story it withdraws (from the import review). */
  recordAgencyKill: {
    input: z.strictObject({
      id: ArticleId,
      reason: z.string().trim().min(1).max(2000),
      uri: z.string().trim().max(1000).optional(),
    }),
    output: Article,
    errors: { NOT_FOUND: NotFoundDetails, REFUSED: ReadOnlyDetails },
    writes: true,
  },
  /** A desk chief has read the agency's kill; the story is no longer blocked by it. */
  acknowledgeAgencyKill: {
    input: z.strictObject({ id: ArticleId }),
    output: Article,
    errors: { NOT_FOUND: NotFoundDetails, REFUSED: ReadOnlyDetails },
    writes: true,
  },
} satisfies CallGroup
