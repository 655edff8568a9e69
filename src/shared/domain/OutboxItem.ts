import { z } from 'zod'

export const PushTarget = z.enum(['webhook', 'wordpress'])
export type PushTarget = z.infer<typeof PushTarget>

/** One push waiting for, or done by, a CMS. */
export const OutboxItem = z.object({
  id: z.string(),
  articleId: z.string(),
  headline: z.string(),
  target: PushTarget,
  revision: z.number().int(),
  /** A hash of what readers would see; the same content is never delivered twice. */
  contentKey: z.string().default(''),
  by: z.string(),
  state: z.enum(['queued', 'sending', 'sent', 'failed']),
  attempts: z.number().int().min(0),
  /** When the next automatic try is due; null when retrying cannot help until something changes. */
  nextAttemptAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  remoteId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
})
export type OutboxItem = z.infer<typeof OutboxItem>
