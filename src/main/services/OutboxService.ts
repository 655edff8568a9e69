import { createHash, randomUUID } from 'node:crypto'
import type { Article } from '../../shared/domain/Article'
import {
  isLive,
  outboxStateLabel,
  type OutboxItem,
  type PushOutcome,
  type PushTarget,
} from '../../shared/domain/OutboxItem'
import type { Profile } from '../../shared/domain/Profile'
import { readerCorrections } from '../../shared/domain/readerCorrections'
import { isFinal } from '../../shared/export/toPublishJson'
import { toPublication } from '../../shared/export/toPublication'
import { AppError } from '../../shared/ipc/AppError'
import { PushError, type CmsClient } from '../cms/CmsClient'
import type { OutboxStore } from '../store/OutboxStore'
import type { ExportService } from './ExportService'
import type { WorkflowService } from './WorkflowService'

export type OutboxEnv = {
  now: () => number
  profile: () => Profile | null
  /** The configured client for a target, or why there is none. */
  client: (target: PushTarget) => CmsClient | string
}

const BASE_DELAY_MS = 5_000
const MAX_DELAY_MS = 10 * 60_000
/** How often a post sent as a draft or for review is looked at, to see whether it went live. */
const CHECK_EVERY_MS = 60_000

/**
 * Pushes go through a persistent outbox: queued, sent with retries and backoff, kept across restarts.
 * One item per article and target at a time. A story becomes published only when the CMS says
 * readers can see it: a webhook's confirmation, or a WordPress post whose status is publish (a post
 * sent as a draft is looked at again until it is). A story published before goes out again only
 * with a correction note for readers, written by the desk chief.
 */
export class OutboxService {
  private running: Promise<void> | null = null
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly store: OutboxStore,
    private readonly exports: ExportService,
    private readonly workflow: WorkflowService,
    private readonly env: OutboxEnv,
  ) {}

  /** Queues the story for `target` (validated first) and tries it at once. */
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
    const same = this.store
      .items()
      .filter((i) => i.articleId === article.id && i.target === input.target)
    const key = contentKeyOf(article, client)
    const delivered = same.find((i) => i.state === 'sent' && i.contentKey === key)
    if (delivered) {
      const unchanged = await this.unchanged(delivered, article, client, profile.name)
      if (unchanged) return unchanged
    }
    const note = input.correction?.trim() ?? ''
    const republishing = article.status === 'approved' && article.publishedAt !== null
    if (note && !republishing)
      throw new AppError(
        'REFUSED',
        'A correction note is for an approved story that was published before; this one is not.',
      )
    if (republishing && note)
      article = await this.workflow.setPendingCorrection(article, profile.name, note)
    if (republishing && !article.pendingCorrection)
      throw new AppError(
        'REFUSED',
        'This story was published before: pushing it again needs a correction note for readers, saying what was wrong and what is right.',
        { needsCorrection: true },
      )
    const pending = same.find((i) => i.state !== 'sent')
    const now = new Date(this.env.now()).toISOString()
    const item: OutboxItem = {
      id: pending?.id ?? randomUUID(),
      articleId: article.id,
      headline: article.headline,
      target: input.target,
      revision: article.revision,
      contentKey: contentKeyOf(article, client),
      by: profile.name,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      remoteId: this.store.remoteId(input.target, article.id),
      createdAt: pending?.createdAt ?? now,
      sentAt: null,
      remoteStatus: null,
      remoteSlug: null,
      remoteLink: null,
      checkedAt: null,
      notices: [],
    }
    await this.store.put(item)
    await this.workflow.record(article, 'push', { note: `queued for ${input.target}` })
    await this.processDue()
    const after = this.store.items().find((i) => i.id === item.id) ?? item
    return { item: after, sent: after.state === 'sent', message: describe(after, client.name) }
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
        nextAttemptAt: new Date(this.env.now()).toISOString(),
      })
    await this.processDue()
    return this.find(input.id)
  }

  /** "Check WordPress now": reads a sent post's status; a post that went live publishes the story. */
  async check(input: { id: string }): Promise<PushOutcome> {
    const item = this.find(input.id)
    const client = this.client(item.target)
    if (item.state !== 'sent' || !client.check)
      return { item, sent: false, message: describe(item, client.name) }
    try {
      const checked = await this.checkItem(item, client)
      return { item: checked, sent: false, message: describe(checked, client.name) }
    } catch (error) {
      throw new AppError('REFUSED', error instanceof Error ? error.message : String(error))
    }
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
    this.timer = setInterval(() => void this.processDue(), intervalMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.running
  }

  private async run(): Promise<void> {
    const now = this.env.now()
    const items = this.store.items()
    const due = items.filter(
      (i) =>
        (i.state === 'queued' || i.state === 'failed') &&
        i.nextAttemptAt !== null &&
        Date.parse(i.nextAttemptAt) <= now,
    )
    for (const item of due) await this.send(item)
    const waiting = items.filter(
      (i) =>
        i.state === 'sent' &&
        !isLive(i) &&
        i.remoteStatus !== 'gone' &&
        (i.checkedAt === null || Date.parse(i.checkedAt) + CHECK_EVERY_MS <= now),
    )
    for (const item of waiting) {
      const client = this.env.client(item.target)
      // An unreachable CMS is asked again on a later run; nothing to record.
      if (typeof client !== 'string') await this.checkItem(item, client).catch(() => undefined)
    }
  }

  private async send(item: OutboxItem): Promise<void> {
    await this.store.put({ ...item, state: 'sending' })
    try {
      const client = this.env.client(item.target)
      if (typeof client === 'string') throw new PushError(client, false)
      const { article, document } = await this.exports.document(item.articleId, 'copydesk')
      if (!isFinal(article.status))
        throw new PushError(
          `The story was reopened after this push was queued (it is ${article.status.replace('_', ' ')}); approve it again and push`,
          false,
        )
      if (article.status === 'approved' && article.publishedAt && !article.pendingCorrection)
        throw new PushError(
          'The story was published before and needs a correction note for readers: push it again and write one',
          false,
        )
      const contentKey = contentKeyOf(article, client)
      const result = await client.push({
        articleId: article.id,
        revision: article.revision,
        contentKey,
        slug: article.slug || article.id,
        document,
        publication: toPublication(article),
        corrections: readerCorrections(article),
        remoteId: this.store.remoteId(item.target, article.id),
      })
      const now = new Date(this.env.now()).toISOString()
      const sent: OutboxItem = {
        ...item,
        state: 'sent',
        revision: article.revision,
        contentKey,
        attempts: item.attempts + 1,
        lastError: null,
        nextAttemptAt: null,
        remoteId: result.remoteId,
        sentAt: now,
        remoteStatus: result.remoteStatus,
        remoteSlug: result.slug,
        remoteLink: result.link,
        checkedAt: now,
        notices: result.notices,
      }
      await this.store.put(sent, result.remoteId)
      const post = result.remoteId
        ? ` (id ${result.remoteId}${result.remoteStatus ? `, ${result.remoteStatus}` : ''})`
        : ''
      await this.workflow.record(article, 'push', {
        note: [`sent to ${client.name}${post}`, ...result.notices].join(' '),
      })
      if (article.status === 'approved' && isLive(sent))
        await this.workflow.confirmPublished(article.id, { by: item.by, cms: client.name })
    } catch (error) {
      const retry = !(error instanceof PushError) || error.retry
      const attempts = item.attempts + 1
      const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempts - 1))
      const message = error instanceof Error ? error.message : String(error)
      await this.store.put({
        ...item,
        state: 'failed',
        attempts,
        lastError: message,
        nextAttemptAt: retry ? new Date(this.env.now() + delay).toISOString() : null,
      })
    }
  }

  /**
   * The CMS already has this version: say so, and send nothing. A WordPress post is looked at
   * first: one that is gone or in the trash is not "had", and the push goes ahead (and says why).
   */
  private async unchanged(
    delivered: OutboxItem,
    article: Article,
    client: CmsClient,
    by: string,
  ): Promise<PushOutcome | null> {
    let item = delivered
    let unchecked = ''
    if (client.check && item.remoteId) {
      try {
        item = await this.checkItem(item, client)
      } catch (error) {
        unchecked = ` (its status could not be read now: ${error instanceof Error ? error.message : String(error)})`
      }
      if (item.remoteStatus === 'gone' || item.remoteStatus === 'trash') return null
    }
    const current = await this.exports.document(article.id, 'copydesk')
    if (current.article.status === 'approved' && isLive(item)) {
      if (current.article.publishedAt !== null)
        await this.workflow.restorePublished(
          article.id,
          by,
          `Unchanged since the last push: ${client.name} already has this version.`,
        )
      else await this.workflow.confirmPublished(article.id, { by, cms: client.name })
    }
    const sentAt = item.sentAt ? ` (sent ${item.sentAt.slice(0, 16).replace('T', ' ')} UTC)` : ''
    return {
      item,
      sent: false,
      message: `${client.name} already has this version of the story${sentAt}: nothing was sent. ${describe(item, client.name)}${unchecked}`,
    }
  }

  /** Reads the post's status from the CMS; a post that went live publishes the story it carries. */
  private async checkItem(item: OutboxItem, client: CmsClient): Promise<OutboxItem> {
    if (!client.check || !item.remoteId) return item
    const state = await client.check(item.remoteId)
    const checkedAt = new Date(this.env.now()).toISOString()
    const checked: OutboxItem = state
      ? {
          ...item,
          remoteStatus: state.remoteStatus,
          remoteSlug: state.slug,
          remoteLink: state.link,
          checkedAt,
        }
      : { ...item, remoteStatus: 'gone', checkedAt }
    await this.store.put(checked)
    if (isLive(checked) && !isLive(item)) {
      const { article } = await this.exports.document(item.articleId, 'copydesk')
      // Only the version that was sent becomes published; a later approval waits for its own push.
      if (article.status === 'approved' && contentKeyOf(article, client) === item.contentKey) {
        await this.workflow.record(article, 'push', {
          note: `${client.name} post ${item.remoteId} is live`,
        })
        await this.workflow.confirmPublished(article.id, { by: item.by, cms: client.name })
      }
    }
    return checked
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

/** The outcome in a sentence for the desk. */
function describe(item: OutboxItem, cms: string): string {
  const post = item.remoteId ? ` (id ${item.remoteId})` : ''
  switch (item.state) {
    case 'queued':
    case 'sending':
      return `Queued for ${cms}.`
    case 'failed':
      return `Not sent to ${cms}: ${item.lastError ?? 'unknown error'}. ${item.nextAttemptAt ? 'It will be tried again.' : 'It will not be retried by itself: fix the cause, then Retry.'}`
    case 'sent': {
      const notes = item.notices.length > 0 ? ` ${item.notices.join(' ')}` : ''
      if (isLive(item))
        return `Sent to ${cms}${post}${item.remoteStatus === 'publish' ? ', live' : ''}.${notes}`
      if (item.remoteStatus === 'gone')
        return `${cms} post ${item.remoteId ?? ''} no longer exists; push again to make a new one.`
      const id = item.remoteId ? `, id ${item.remoteId}` : ''
      return `${outboxStateLabel(item)}${id}: the story stays approved until the post is published in ${cms}.${notes}`
    }
  }
}

/**
 * Identifies what readers would see (the story, its corrections) and how the target lays it out,
 * whatever the workflow bookkeeping (status, revision) says.
 */
function contentKeyOf(article: Article, client: CmsClient): string {
  const key = {
    publication: toPublication(article),
    corrections: readerCorrections(article).map((c) => c.note),
    layout: client.fingerprint,
  }
  return createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32)
}
