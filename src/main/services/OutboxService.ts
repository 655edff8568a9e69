import { randomUUID } from 'node:crypto'
import {
  isLive,
  latestDelivery,
  markPublishedBlocker,
  type OutboxItem,
  type PushOutcome,
  type PushTarget,
} from '../../shared/domain/OutboxItem'
import type { Profile } from '../../shared/domain/Profile'
import { isFinal } from '../../shared/export/toPublishJson'
import { AppError } from '../../shared/ipc/AppError'
import type { CmsClient } from '../../cms/CmsClient'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { OutboxStore } from '../store/OutboxStore'
import { contentKeyOf } from '../../cms/contentKeyOf'
import { describeOutcome } from '../../cms/describeOutcome'
import { OutboxDelivery } from './OutboxDelivery'
import type { ExportService } from './ExportService'
import { PostWatcher } from './PostWatcher'
import type { WorkflowService } from './WorkflowService'
import { log } from '../log/log'
import type { LinkedRendition } from '../../cms/webhookRenditions'
import type { MediaStore } from '../media/MediaStore'
import { embargoHold, outboxHold } from '../../shared/domain/publicationTime'

export type OutboxEnv = {
  clock: Clock
  profile: () => Profile | null
  /** The configured client for a target, or why there is none. */
  client: (target: PushTarget) => CmsClient | string
  /** The desk's time zone (IANA), in which refusals and holds say their times. */
  timeZone: () => string
  /**
   * True while the workstation is joined to a desk: the desk's outbox pushes its stories, so this
   * one sends nothing and looks at no post (what it holds waits, and goes on if the desk is left).
   */
  joined?: () => boolean
  /** The desk's pictures (media/): a story's pictures go with it to CMSes with a media library. */
  media?: MediaStore
  /** Publishes a rendition where a webhook taking links fetches it, and says its address. */
  linkRendition?: (rendition: LinkedRendition) => Promise<string>
}

/**
 * Pushes go through a persistent outbox: queued, sent with retries and backoff, kept across restarts.
 * One item per site, article and target at a time. A story becomes published only when the CMS says
 * readers can see it: a webhook's confirmation, or a WordPress post whose status is publish (a post
 * sent as a draft is looked at again until it is, see PostWatcher). A story published before goes
 * out again only with a correction note for readers, written by the desk chief.
 */
export class OutboxService {
  private running: Promise<void> | null = null
  private timer: NodeJS.Timeout | undefined
  private readonly watcher: PostWatcher
  private readonly delivery: OutboxDelivery

  constructor(
    private readonly store: OutboxStore,
    private readonly exports: ExportService,
    private readonly workflow: WorkflowService,
    private readonly env: OutboxEnv,
  ) {
    this.watcher = new PostWatcher(store, exports, workflow, env.clock)
    this.delivery = new OutboxDelivery(store, exports, workflow, env)
  }

  /**
   * Queues the story for `target` (validated first) and tries it at once. A correction note is
   * part of what is sent: with a new note, the push goes out even when the text is unchanged.
   */
  async push(input: {
    id: string
    target: PushTarget
    correction?: string | undefined
  }): Promise<PushOutcome> {
    const profile = this.env.profile()
    if (profile?.role !== 'desk-chief')
      throw new AppError('REFUSED', 'Pushing to the CMS is for a desk chief.')
    const client = this.client(input.target)
    let { article } = await this.exports.document(input.id, 'copydesk')
    if (!isFinal(article.status))
      throw new AppError(
        'REFUSED',
        'Only approved stories (or published ones, for corrections) go to the CMS.',
      )
    // Before its embargo a story goes out only scheduled for it (the CMS or the outbox holds it).
    const hold = embargoHold(article, this.env.clock.now(), this.env.timeZone(), 'be pushed')
    if (hold && article.scheduledFor === null)
      throw new AppError(
        'REFUSED',
        `${hold} A desk chief can schedule it for that time, and then push: the CMS holds it until then.`,
      )
    const note = input.correction?.trim() ?? ''
    const republishing = article.status === 'approved' && article.publishedAt !== null
    if (note && !republishing)
      throw new AppError(
        'REFUSED',
        'A correction note is for an approved story that was published before; this one is not.',
      )
    if (note && note !== article.pendingCorrection?.note)
      article = await this.workflow.setPendingCorrection(article, profile.name, note)
    const mine = this.store
      .items()
      .filter(
        (i) => i.articleId === article.id && i.target === input.target && i.site === client.site,
      )
    const delivered = latestDelivery(mine)
    if (delivered?.contentKey === contentKeyOf(article, client)) {
      const unchanged = await this.unchanged(delivered, client, profile.name)
      if (unchanged) return unchanged
    }
    if (republishing && !article.pendingCorrection)
      throw new AppError(
        'REFUSED',
        'This story was published before: pushing it again needs a correction note for readers, saying what was wrong and what is right.',
        { needsCorrection: true },
      )
    const pending = mine.find((i) => i.state !== 'sent')
    const now = isoNow(this.env.clock)
    const held = outboxHold(article, input.target, this.env.clock.now())
    const item: OutboxItem = {
      id: pending?.id ?? randomUUID(),
      articleId: article.id,
      headline: article.headline,
      target: input.target,
      site: client.site,
      revision: article.revision,
      contentKey: contentKeyOf(article, client),
      by: profile.name,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: held ?? now,
      lastError: null,
      remoteId: this.store.remoteId(input.target, client.site, article.id),
      scheduledFor: article.scheduledFor,
      createdAt: pending?.createdAt ?? now,
      sentAt: null,
      remoteStatus: null,
      remoteSlug: null,
      remoteLink: null,
      checkedAt: null,
      notices: [],
    }
    await this.store.put(item)
    await this.workflow.record(article, 'push', {
      note: held
        ? `queued for ${input.target}, held until ${held}`
        : `queued for ${input.target}${article.scheduledFor ? `, scheduled for ${article.scheduledFor}` : ''}`,
    })
    await this.processDue()
    const after = this.store.items().find((i) => i.id === item.id) ?? item
    return {
      item: after,
      sent: after.state === 'sent',
      message: describeOutcome(after, client.name, this.env.timeZone()),
    }
  }

  list(input: { articleId?: string | undefined }): OutboxItem[] {
    return this.store
      .items()
      .filter((i) => !input.articleId || i.articleId === input.articleId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  /** "Retry now": makes a failed or waiting item due immediately. */
  async retry(input: { id: string }): Promise<OutboxItem> {
    const item = this.find(input.id)
    if (item.state !== 'sent')
      await this.store.put({
        ...item,
        state: 'queued',
        nextAttemptAt: isoNow(this.env.clock),
      })
    await this.processDue()
    return this.find(input.id)
  }

  /** "Check WordPress now": reads a sent post's status; a post that went live publishes the story. */
  async check(input: { id: string }): Promise<PushOutcome> {
    const item = this.find(input.id)
    const client = this.client(item.target)
    if (item.state !== 'sent' || !client.check)
      return { item, sent: false, message: describeOutcome(item, client.name, this.env.timeZone()) }
    if (item.site && item.site !== client.site)
      throw new AppError(
        'REFUSED',
        `This push went to ${item.site}; ${client.name} now points to ${client.site}, so its post cannot be looked at from here.`,
      )
    try {
      const checked = await this.watcher.check(item, client)
      return {
        item: checked,
        sent: false,
        message: describeOutcome(checked, client.name, this.env.timeZone()),
      }
    } catch (error) {
      throw new AppError('REFUSED', error instanceof Error ? error.message : String(error))
    }
  }

  /** Refuses "Mark published" while the story's WordPress push waits as a draft (see markPublishedBlocker). */
  assertMayMarkPublished(articleId: string): void {
    const reason = markPublishedBlocker(this.store.items(), articleId)
    if (reason) throw new AppError('REFUSED', reason)
  }

  /** Sends every item that is due, one at a time; concurrent calls share one run. */
  processDue(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null
    })
    return this.running
  }

  /** Checks the outbox every `intervalMs` until stop(). */
  start(intervalMs = 2_000): void {
    this.timer = setInterval(
      () =>
        void this.processDue().catch((error: unknown) =>
          log.problem(
            'outbox',
            'Sending the queued pushes failed; Copydesk tries again in a moment.',
            error,
          ),
        ),
      intervalMs,
    )
    this.timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.running
  }

  private async run(): Promise<void> {
    if (this.env.joined?.()) return
    const now = this.env.clock.now().getTime()
    const due = this.store
      .items()
      .filter(
        (i) =>
          (i.state === 'queued' || i.state === 'failed') &&
          i.nextAttemptAt !== null &&
          Date.parse(i.nextAttemptAt) <= now,
      )
    for (const item of due) await this.delivery.send(item)
    for (const item of this.watcher.due(this.store.items())) {
      const client = this.env.client(item.target)
      // An unreachable CMS is asked again on a later run; the log keeps why.
      if (typeof client !== 'string')
        await this.watcher
          .check(item, client)
          .catch((error: unknown) =>
            log.warn('outbox', `Could not read a sent post's status from ${client.name}`, error),
          )
    }
  }

  /**
   * The CMS already has this version (the latest delivery to this site carries the same content):
   * say so, and send nothing. A WordPress post is looked at first: one that is gone, trashed or no
   * longer this story's is not "had", and the push goes ahead. The story follows what the CMS shows,
   * only when its status could be read now: published again (with its waiting correction note, if
   * the delivery carried one), never on stale knowledge.
   */
  private async unchanged(
    delivered: OutboxItem,
    client: CmsClient,
    by: string,
  ): Promise<PushOutcome | null> {
    let item = delivered
    let unread: string | null = null
    if (client.check && item.remoteId) {
      try {
        item = await this.watcher.check(item, client)
      } catch (error) {
        unread = error instanceof Error ? error.message : String(error)
      }
      if (['gone', 'trash', 'unowned'].includes(item.remoteStatus ?? '')) return null
    }
    if (unread === null && isLive(item)) {
      const { article } = await this.exports.document(item.articleId, 'copydesk')
      if (
        article.status === 'approved' &&
        article.publishedAt !== null &&
        !article.pendingCorrection
      )
        await this.workflow.restorePublished(
          article.id,
          by,
          `Unchanged since the last push: ${client.name} already has this version.`,
        )
      else if (article.status === 'approved')
        await this.workflow.confirmPublished(article.id, { by, cms: client.name })
    }
    const sentAt = item.sentAt ? ` (sent ${item.sentAt.slice(0, 16).replace('T', ' ')} UTC)` : ''
    const state = unread
      ? ` Its status could not be read now (${unread}), so the story's state was left as it is.`
      : ''
    return {
      item,
      sent: false,
      message: `${client.name} already has this version of the story${sentAt}: nothing was sent.${state}`,
    }
  }

  private find(id: string): OutboxItem {
    const item = this.store.items().find((i) => i.id === id)
    if (!item) throw new AppError('NOT_FOUND', 'That push is not in the outbox.')
    return item
  }

  private client(target: PushTarget): CmsClient {
    const client = this.env.client(target)
    if (typeof client === 'string') throw new AppError('REFUSED', client)
    return client
  }
}
