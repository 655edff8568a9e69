import { z } from 'zod'
import { ArticleId } from '../../domain/Article'
import { OutboxItem, PushTarget } from '../../domain/OutboxItem'
import type { DeskCallGroup } from '../DeskCallDeclaration'
import { DeskPerson } from './deskStoryCalls'

const Iso = z.iso.datetime({ offset: true })
const NoDetails = z.unknown()

/**
 * A push on the desk server's outbox: the workstation's OutboxItem (so it reads and shows the same)
 * with who pushed it by account, and the correction note for readers it carries.
 */
export const DeskOutboxItem = OutboxItem.extend({
  pushedBy: DeskPerson,
  correction: z.string().nullable(),
})
export type DeskOutboxItem = z.infer<typeof DeskOutboxItem>

/** What a push did: the item, whether anything went out, and that in a sentence. */
export const DeskPushOutcome = z.object({
  item: DeskOutboxItem,
  sent: z.boolean(),
  message: z.string(),
})
export type DeskPushOutcome = z.infer<typeof DeskPushOutcome>

export const PushStoryInput = z.strictObject({
  id: ArticleId,
  target: PushTarget,
  /** For a story published before: the note readers see, saying what was wrong and what is right. */
  correction: z.string().max(2000).optional(),
})
export type PushStoryInput = z.infer<typeof PushStoryInput>

/** Why a push was refused: `needsCorrection` when the story was published before and needs a note. */
export const PushRefusedDetails = z.object({
  reason: z.enum(['target', 'workflow', 'needs_correction', 'sending']),
  needsCorrection: z.boolean().optional(),
})
export type PushRefusedDetails = z.infer<typeof PushRefusedDetails>

export const ListOutboxInput = z.strictObject({
  /** One story's pushes; the whole desk's when left out. */
  articleId: ArticleId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type ListOutboxInput = z.infer<typeof ListOutboxInput>

/** A WordPress post's status when Copydesk creates or updates it. */
export const CmsPostStatus = z.enum(['draft', 'pending', 'publish'])

/** A push target as the desk shows it: never its secret, only whether there is one and for where. */
export const CmsTargetView = z.object({
  target: PushTarget,
  url: z.string(),
  /** The WordPress user; '' for a webhook. */
  user: z.string(),
  postStatus: CmsPostStatus,
  hasSecret: z.boolean(),
  /** The origin the secret was entered for: it is sent nowhere else. */
  secretOrigin: z.string().nullable(),
  updatedBy: DeskPerson,
  updatedAt: Iso,
})
export type CmsTargetView = z.infer<typeof CmsTargetView>

export const SetCmsTargetInput = z.strictObject({
  target: PushTarget,
  /** http(s) address with no user or password in it: the webhook's URL, the WordPress site's. */
  url: z.string().trim().min(1).max(2000),
  user: z.string().trim().max(200).default(''),
  postStatus: CmsPostStatus.default('draft'),
  /**
   * The webhook token or WordPress application password, write-only: left out keeps the stored one
   * (while the URL keeps its origin), '' removes it. It is never in any answer.
   */
  secret: z.string().max(4096).optional(),
})
export type SetCmsTargetInput = z.infer<typeof SetCmsTargetInput>

export const SetCmsTargetOutput = z.object({
  target: CmsTargetView,
  /** The stored secret was dropped: the URL now points to another origin. */
  secretCleared: z.boolean(),
  /** What will not work as saved (plain http:// to another machine). */
  warnings: z.array(z.string()),
})

const TargetInput = z.strictObject({ target: PushTarget })

/** The desk server's outbox and its CMS targets (issue 14 item 5). */
export const deskOutboxCalls = {
  pushStory: {
    method: 'POST',
    path: '/v1/outbox/push',
    slow: true,
    access: 'desk-chief',
    input: PushStoryInput,
    output: DeskPushOutcome,
    errors: {
      INVALID_INPUT: NoDetails,
      FORBIDDEN: NoDetails,
      NOT_FOUND: NoDetails,
      REFUSED: PushRefusedDetails,
      UNAUTHENTICATED: NoDetails,
    },
  },
  listOutbox: {
    method: 'GET',
    path: '/v1/outbox',
    access: 'desk-chief',
    input: ListOutboxInput,
    output: z.object({ items: z.array(DeskOutboxItem) }),
    errors: { FORBIDDEN: NoDetails, UNAUTHENTICATED: NoDetails },
  },
  retryOutboxItem: {
    method: 'POST',
    path: '/v1/outbox/retry',
    slow: true,
    access: 'desk-chief',
    input: z.strictObject({ id: z.uuid() }),
    output: DeskPushOutcome,
    errors: { FORBIDDEN: NoDetails, NOT_FOUND: NoDetails, UNAUTHENTICATED: NoDetails },
  },
  /** "Check WordPress now": reads a sent post's status; a post found live publishes the story. */
  checkOutboxItem: {
    method: 'POST',
    path: '/v1/outbox/check',
    slow: true,
    access: 'desk-chief',
    input: z.strictObject({ id: z.uuid() }),
    output: DeskPushOutcome,
    errors: {
      FORBIDDEN: NoDetails,
      NOT_FOUND: NoDetails,
      REFUSED: PushRefusedDetails,
      UNAUTHENTICATED: NoDetails,
    },
  },
  listCmsTargets: {
    method: 'GET',
    path: '/v1/cms-targets',
    access: 'desk-chief',
    input: z.strictObject({}),
    output: z.object({ targets: z.array(CmsTargetView) }),
    errors: { FORBIDDEN: NoDetails, UNAUTHENTICATED: NoDetails },
  },
  setCmsTarget: {
    method: 'POST',
    path: '/v1/cms-targets/set',
    access: 'desk-admin',
    input: SetCmsTargetInput,
    output: SetCmsTargetOutput,
    errors: { INVALID_INPUT: NoDetails, FORBIDDEN: NoDetails, UNAUTHENTICATED: NoDetails },
  },
  clearCmsTarget: {
    method: 'POST',
    path: '/v1/cms-targets/clear',
    access: 'desk-admin',
    input: TargetInput,
    output: z.object({ removed: z.boolean() }),
    errors: { FORBIDDEN: NoDetails, UNAUTHENTICATED: NoDetails },
  },
} satisfies DeskCallGroup
