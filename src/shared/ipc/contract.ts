import { z } from 'zod'
import { ImportProposal } from '../import/ImportProposal'
import {
  Article,
  ArticleId,
  ArticleStatus,
  ArticleSummary,
  EditableFields,
} from '../domain/Article'
import { AppProblems } from '../domain/AppProblem'
import { DeskSettings, DeskSettingsInput } from '../domain/DeskSettings'
import { AuditEntry, EditorialNote, RevisionMeta } from '../domain/History'
import { OutboxItem, PushOutcome, PushTarget } from '../domain/OutboxItem'
import { Profile } from '../domain/Profile'
import { WorkflowAction } from '../domain/workflow'
import type { MethodName } from './methods'

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

export const TrashEntry = ArticleSummary.extend({ trashedAt: z.iso.datetime() })
export type TrashEntry = z.infer<typeof TrashEntry>

export const StoreProblem = z.object({
  id: z.string(),
  file: z.string(),
  quarantinedAs: z.string(),
  reason: z.string(),
  at: z.iso.datetime(),
  /**
   * What became of the file: set aside in quarantine/ (damaged, or not an article file), or left where
   * it is, untouched (written by a newer Copydesk; or one this Copydesk cannot open).
   */
  kind: z.enum(['set-aside', 'newer-version', 'left-in-place']).default('set-aside'),
})
export type StoreProblem = z.infer<typeof StoreProblem>

export const NoInput = z.strictObject({})

export const AppInfo = z.object({
  dataDir: z.string(),
  host: z.enum(['electron', 'web']),
  version: z.string(),
  user: z.string(),
  /** Set when the data folder cannot be written: stories can be read, nothing can be saved. */
  readOnly: z.object({ reason: z.string() }).optional(),
})
export type AppInfo = z.infer<typeof AppInfo>

export const ProposeImportInput = z.strictObject({
  name: z.string().min(1).max(300),
  content: z.string().max(5_000_000, 'Files over 5 MB are not imported'),
})
export type ProposeImportInput = z.infer<typeof ProposeImportInput>

/** The import proposal as it crosses the boundary: one schema, declared with the importer. */
export const ImportProposalOutput = ImportProposal

export const TransitionInput = z.strictObject({
  id: ArticleId,
  action: WorkflowAction,
  note: z.string().max(5000).optional(),
})
export type TransitionInput = z.infer<typeof TransitionInput>

const RevisionRef = z.strictObject({ id: ArticleId, seq: z.number().int().min(1) })

export const ArticleDiffOutput = z.object({
  fields: z.array(
    z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() }),
  ),
  body: z.array(z.object({ text: z.string(), change: z.enum(['same', 'added', 'removed']) })),
  bodyChanged: z.boolean(),
})

export const ExportFormat = z.enum(['copydesk', 'ninjs'])

export const ExportProblem = z.object({
  path: z.string(),
  message: z.string(),
  field: z.string().nullable(),
})
export type ExportProblem = z.infer<typeof ExportProblem>

export const ExportArticlesInput = z.strictObject({
  ids: z.array(ArticleId).max(10_000).optional(),
  status: ArticleStatus.optional(),
  format: ExportFormat,
  dir: z.string().trim().min(1, 'Choose a folder').max(1000),
  /** The correction note for readers, for one story published before and approved again. */
  correction: z.string().trim().max(2000).optional(),
})

/** The secrets kept for the CMS targets. */
export const SecretName = z.enum(['webhookToken', 'wordpressPassword'])
export type SecretName = z.infer<typeof SecretName>

/** What a settings save did: the settings, the secrets a moved address cleared, what will not work. */
export const SaveSettingsOutput = z.object({
  settings: DeskSettings,
  cleared: z.array(SecretName),
  warnings: z.array(z.string()),
})
export type SaveSettingsOutput = z.infer<typeof SaveSettingsOutput>

export const TestConnectionOutput = z.object({ ok: z.boolean(), message: z.string() })

export const SecretStatus = z.object({
  webhookToken: z.boolean(),
  wordpressPassword: z.boolean(),
  protection: z.enum(['os-keychain', 'file-permissions']),
})
export type SecretStatus = z.infer<typeof SecretStatus>

/** The one API contract: every call, its input schema and its output schema. */
export const contract = {
  listArticles: { input: ListArticlesInput, output: z.array(ArticleSummary) },
  getArticle: { input: ArticleRef, output: Article },
  createArticle: { input: CreateArticleInput, output: Article },
  saveArticle: { input: SaveArticleInput, output: Article },
  trashArticle: { input: ArticleRef, output: TrashEntry },
  restoreArticle: { input: ArticleRef, output: ArticleSummary },
  listTrash: { input: NoInput, output: z.array(TrashEntry) },
  listProblems: { input: NoInput, output: z.array(StoreProblem) },
  dismissProblem: { input: z.strictObject({ id: z.string().min(1).max(200) }), output: NoInput },
  appInfo: { input: NoInput, output: AppInfo },
  listAppProblems: { input: NoInput, output: AppProblems },
  listTags: { input: NoInput, output: z.array(z.string()) },
  getSettings: { input: NoInput, output: DeskSettings },
  saveSettings: { input: DeskSettingsInput, output: SaveSettingsOutput },
  proposeImport: { input: ProposeImportInput, output: ImportProposalOutput },
  getProfile: { input: NoInput, output: Profile.nullable() },
  setProfile: { input: Profile, output: Profile },
  transition: { input: TransitionInput, output: Article },
  saveVersion: {
    input: z.strictObject({ id: ArticleId, note: z.string().max(500).optional() }),
    output: RevisionMeta,
  },
  listRevisions: { input: ArticleRef, output: z.array(RevisionMeta) },
  getRevision: { input: RevisionRef, output: Article },
  diffRevisions: {
    input: z.strictObject({
      id: ArticleId,
      from: z.number().int().min(0),
      to: z.number().int().min(0),
    }),
    output: ArticleDiffOutput,
  },
  restoreRevision: { input: RevisionRef, output: Article },
  addNote: {
    input: z.strictObject({ id: ArticleId, text: z.string().trim().min(1).max(5000) }),
    output: z.array(EditorialNote),
  },
  listNotes: { input: ArticleRef, output: z.array(EditorialNote) },
  getAudit: { input: ArticleRef, output: z.array(AuditEntry) },
  getQueue: { input: NoInput, output: z.array(ArticleSummary) },
  validateExport: {
    input: z.strictObject({ id: ArticleId, format: ExportFormat }),
    output: z.array(ExportProblem),
  },
  pushArticle: {
    input: z.strictObject({
      id: ArticleId,
      target: PushTarget,
      /** The correction note for readers, for a story published before. */
      correction: z.string().trim().max(2000).optional(),
    }),
    output: PushOutcome,
  },
  checkPush: { input: z.strictObject({ id: z.uuid() }), output: PushOutcome },
  setCorrectionNote: {
    input: z.strictObject({ id: ArticleId, note: z.string().trim().min(1).max(2000) }),
    output: Article,
  },
  /** Keeps an agency's kill on the story it withdraws (from the import review). */
  recordAgencyKill: {
    input: z.strictObject({
      id: ArticleId,
      reason: z.string().trim().min(1).max(2000),
      uri: z.string().trim().max(1000).optional(),
    }),
    output: Article,
  },
  /** A desk chief has read the agency's kill; the story is no longer blocked by it. */
  acknowledgeAgencyKill: { input: z.strictObject({ id: ArticleId }), output: Article },
  testConnection: {
    input: z.strictObject({
      target: z.literal('wordpress'),
      url: z.string().max(2000).optional(),
      user: z.string().max(200).optional(),
      password: z.string().max(2000).optional(),
    }),
    output: TestConnectionOutput,
  },
  listOutbox: {
    input: z.strictObject({ articleId: ArticleId.optional() }),
    output: z.array(OutboxItem),
  },
  retryPush: { input: z.strictObject({ id: z.uuid() }), output: OutboxItem },
  setSecret: {
    input: z.strictObject({
      name: SecretName,
      value: z.string().max(2000),
    }),
    output: SecretStatus,
  },
  getSecretStatus: { input: NoInput, output: SecretStatus },
  exportArticles: {
    input: ExportArticlesInput,
    output: z.array(
      z.object({ id: z.string(), headline: z.string(), file: z.string(), final: z.boolean() }),
    ),
  },
} satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType }>

type Contract = typeof contract
type AssertSameKeys<A, B> = [Exclude<keyof A, B>, Exclude<B, keyof A>] extends [never, never]
  ? true
  : never
const methodsMatchContract: AssertSameKeys<Contract, MethodName> = true
void methodsMatchContract

export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>
export type OutputOf<M extends MethodName> = z.output<Contract[M]['output']>
