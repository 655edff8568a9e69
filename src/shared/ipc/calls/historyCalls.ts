import { z } from 'zod'
import { Article, ArticleId } from '../../domain/Article'
import { AuditEntry, EditorialNote, RevisionMeta } from '../../domain/History'
import type { CallGroup } from '../CallDeclaration'
import { ArticleRef } from './articleCalls'
import { LockedDetails, NotFoundDetails, ReadOnlyDetails } from './commonErrors'

const RevisionRef = z.strictObject({ id: ArticleId, seq: z.number().int().min(1) })

export const ArticleDiffOutput = z.object({
  fields: z.array(
    z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() }),
  ),
  body: z.array(z.object({ text: z.string(), change: z.enum(['same', 'added', 'removed']) })),
  bodyChanged: z.boolean(),
})

/** A story's saved versions, its notes between editors and its audit trail. */
export const historyCalls = {
  saveVersion: {
    input: z.strictObject({ id: ArticleId, note: z.string().max(500).optional() }),
    output: RevisionMeta,
    errors: { NOT_FOUND: NotFoundDetails, REFUSED: ReadOnlyDetails },
    writes: true,
  },
  listRevisions: {
    input: ArticleRef,
    output: z.array(RevisionMeta),
    errors: { NOT_FOUND: NotFoundDetails },
    writes: false,
  },
  getRevision: {
    input: RevisionRef,
    output: Article,
    errors: { NOT_FOUND: NotFoundDetails },
    writes: false,
  },
  diffRevisions: {
    input: z.strictObject({
      id: ArticleId,
      from: z.number().int().min(0),
      to: z.number().int().min(0),
    }),
    output: ArticleDiffOutput,
    errors: { NOT_FOUND: NotFoundDetails },
    writes: false,
  },
  restoreRevision: {
    input: RevisionRef,
    output: Article,
    errors: { NOT_FOUND: NotFoundDetails, LOCKED: LockedDetails, REFUSED: ReadOnlyDetails },
    writes: true,
  },
  addNote: {
    input: z.strictObject({ id: ArticleId, text: z.string().trim().min(1).max(5000) }),
    output: z.array(EditorialNote),
    errors: { NOT_FOUND: NotFoundDetails, REFUSED: ReadOnlyDetails },
    writes: true,
  },
  listNotes: {
    input: ArticleRef,
    output: z.array(EditorialNote),
    errors: { NOT_FOUND: NotFoundDetails },
    writes: false,
  },
  getAudit: {
    input: ArticleRef,
    output: z.array(AuditEntry),
    errors: { NOT_FOUND: NotFoundDetails },
    writes: false,
  },
} satisfies CallGroup
