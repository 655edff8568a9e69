import { z } from 'zod'

export const PushTarget = z.enum(['webhook', 'wordpress'])
export type PushTarget = z.infer<typeof PushTarget>

/** One push waiting for, or done by, a CMS. */
export const OutboxItem = z.object({
  id: z.string(),
  articleId: z.string(),
  headline: z.string(),
  target: PushTarget,
  /**
   * The site the push is for (scheme, host, port and path of the target's URL when it was queued);
   * '' for pushes recorded before sites were. A post id means something only on its own site.
   */
  site: z.string().default(''),
  revision: z.number().int(),
  /** A hash of what readers would see and how the target lays it out; the same is never delivered twice. */
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
  /**
   * The post's status in the CMS (WordPress: draft, pending, future, publish…); null for a webhook.
   * Copydesk's own: "gone" (deleted in the CMS), "unowned" (no longer carries this story's mark).
   */
  remoteStatus: z.string().nullable().default(null),
  remoteSlug: z.string().nullable().default(null),
  remoteLink: z.string().nullable().default(null),
  /** When the post's status was last read from the CMS. */
  checkedAt: z.iso.datetime().nullable().default(null),
  /** What the desk must know about the last push: a slug clash, a post that was gone, a shortened excerpt. */
  notices: z.array(z.string()).default([]),
  /**
   * The time the story was scheduled for when this push was queued or sent: held in the outbox
   * until then (a webhook), or sent ahead as a WordPress scheduled post that is checked after it.
   */
  scheduledFor: z.iso.datetime().nullable().default(null),
})
export type OutboxItem = z.infer<typeof OutboxItem>

/** What a push did: the outbox item, whether anything went out, and that in a sentence. */
export const PushOutcome = z.object({ item: OutboxItem, sent: z.boolean(), message: z.string() })
export type PushOutcome = z.infer<typeof PushOutcome>

/** True when readers can see the pushed story: a webhook's confirmation, or a live WordPress post. */
export function isLive(item: OutboxItem): boolean {
  return item.state === 'sent' && (item.remoteStatus === null || item.remoteStatus === 'publish')
}

/**
 * Post statuses that are not looked at again by themselves: the post is gone, trashed, made private
 * by an editor, or no longer this story's. "Check WordPress now" and a new push still read them.
 */
const SETTLED = ['gone', 'trash', 'private', 'unowned']

/** A sent post that is not live yet and may still go live: the outbox keeps looking at it. */
export function isWaiting(item: OutboxItem): boolean {
  return (
    item.state === 'sent' &&
    !isLive(item) &&
    item.remoteStatus !== null &&
    !SETTLED.includes(item.remoteStatus)
  )
}

/**
 * The newest delivery among `items` (by when it was sent; of two sent the same moment, the one
 * stored later), or undefined when none was sent.
 */
export function latestDelivery(items: OutboxItem[]): OutboxItem | undefined {
  let latest: OutboxItem | undefined
  for (const item of items)
    if (item.state === 'sent' && (!latest || (item.sentAt ?? '') >= (latest.sentAt ?? '')))
      latest = item
  return latest
}

/**
 * Why "Mark published" would be wrong now: the story's latest WordPress push waits as a draft or
 * for review, so readers do not see it yet. Null when nothing waits.
 */
export function markPublishedBlocker(items: OutboxItem[], articleId: string): string | null {
  const latest = latestDelivery(
    items.filter((item) => item.articleId === articleId && item.target === 'wordpress'),
  )
  if (!latest || !isWaiting(latest)) return null
  const post = latest.remoteId ? ` (post ${latest.remoteId})` : ''
  return `The WordPress push of this story waits as ${REMOTE_STATUS[latest.remoteStatus ?? ''] ?? latest.remoteStatus}${post}: publish the post in WordPress and the story follows. Marking it published here would say readers see it when they do not.`
}

const REMOTE_STATUS: Record<string, string> = {
  draft: 'draft',
  pending: 'pending review',
  future: 'scheduled',
  private: 'private',
  trash: 'in the trash',
  gone: 'deleted in the CMS',
  unowned: 'no longer this story’s post',
}

/** The item's state as the desk reads it: "Sent", "Sent to CMS (draft)", "Failed"… */
export function outboxStateLabel(item: OutboxItem): string {
  if (item.state === 'queued' && item.scheduledFor && item.nextAttemptAt === item.scheduledFor)
    return `Held until ${item.scheduledFor.slice(0, 16).replace('T', ' ')} UTC`
  if (item.state === 'queued') return 'Queued'
  if (item.state === 'sending') return 'Sending…'
  if (item.state === 'failed') return 'Failed'
  if (item.remoteStatus === null) return 'Sent'
  if (item.remoteStatus === 'publish') return 'Sent, live'
  return `Sent to CMS (${REMOTE_STATUS[item.remoteStatus] ?? item.remoteStatus})`
}
