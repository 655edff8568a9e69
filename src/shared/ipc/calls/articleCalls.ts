import { z } from 'zod'
import { Article, ArticleId, ArticleSummary, EditableFields } from '../../domain/Article'
import { StoreProblem } from '../../domain/StoreProblem'
import { TrashEntry } from '../../domain/TrashEntry'
import type { CallGroup } from '../CallDeclaration'
import { ConflictDetails, LockedDetails, NotFoundDetails, ReadOnlyDetails } from './commonErrors'

export const ListArticlesInput = z.strictObject({ query: z.string().max(500).optional() })
export type ListArticlesInput = z.infer<typeof ListArticlesInput>

export const ArticleRef = z.strictObject({ id: ArticleId })
export type ArticleRef = z.infer<typeof ArticleRef>

export const CreateArticleInput = z.strictObject({ fields: EditableFields.partial().optional() })
export type CreateArticleInput = z.infer<typeof CreateArticleInput>

export const SaveArticleInput = z.strictObject({
  id: ArticleId,
  baseRevision: z.number().int().min(1),
  changes: EditableFields.partial().strict(),
})
export type SaveArticleInput = z.infer<typeof SaveArticleInput>

export const NoInput = z.strictObject({})

/** The desk's stories: list, open, write, trash, and the files the store could not use. */
export const articleCalls = {
  listArticles: {
    input: ListArticlesInput,
    output: z.array(ArticleSummary),
    errors: {},
    writes: false,
  },
  getArticle: {
    input: ArticleRef,
    output: Article,
    errors: { NOT_FOUND: NotFoundDetails },
    writes: false,
  },
  createArticle: {
    input: CreateArticleInput,
    output: Article,
    errors: { REFUSED: ReadOnlyDetails },
    writes: true,
  },
  saveArticle: {
    input: SaveArticleInput,
    output: Article,
    errors: {
      NOT_FOUND: NotFoundDetails,
      CONFLICT: ConflictDetails,
      LOCKED: LockedDetails,
      REFUSED: ReadOnlyDetails,
    },
    writes: true,
  },
  trashArticle: {
    input: ArticleRef,
    output: TrashEntry,
    errors: { NOT_FOUND: NotFoundDetails, REFUSED: ReadOnlyDetails },
    writes: true,
  },
  restoreArticle: {
    input: ArticleRef,
    output: ArticleSummary,
    errors: { NOT_FOUND: NotFoundDetails, REFUSED: ReadOnlyDetails },
    writes: true,
  },
  listTrash: { input: NoInput, output: z.array(TrashEntry), errors: {}, writes: false },
  listProblems: { input: NoInput, output: z.array(StoreProblem), errors: {}, writes: false },
  /** On a read-only folder the dismissal lasts until the app closes, so it counts as a read. */
  dismissProblem: {
    input: z.strictObject({ id: z.string().min(1).max(200) }),
    output: NoInput,
    errors: {},
    writes: false,
  },
  listTags: { input: NoInput, output: z.array(z.string()), errors: {}, writes: false },
} satisfies CallGroup
