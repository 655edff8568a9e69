import { createHash, randomUUID } from 'node:crypto'
import type { Article } from '../../shared/domain/Article'
import type { OutboxItem, PushTarget } from '../../shared/domain/OutboxItem'
import type { Profile } from '../../shared/domain/Profile'
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

/**
 * Pushes go through a persistent outbox: queued, sent with retries and backoff, kept across restarts.
 * One item per article and target at a time; a story becomes published only when the CMS confirms.
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
  async push(input: { id: string; target: PushTarget }): Promise<OutboxItem> {
    const profile = this.env.profile()
    if (profile?.role !== 'desk-chief')
      throw new AppError('REFUSED', 'Pushing to the CMS is for a desk chief.')
    const client = this.env.client(input.target)
    if (typeof client === 'string') throw new AppError('REFUSED', client)
    const { article } = await this.exports.document(input.id, 'copydesk')
    if (!isFinal(article.status))
      throw new AppError(
        'REFUSED',
        'Only approved stories (or published ones, for corrections) go to the CMS.',
      )
    const contentKey = contentKeyOf(article)
    const same = this.store
      .items()
      .filter((i) => i.articleId === article.id && i.target === input.target)
    const delivered = same.find((i) => i.state === 'sent' && i.contentKey === contentKey)
    if (delivered) return delivered
    const pending = same.find((i) => i.state !== 'sent')
    const now = new Date(this.env.now()).toISOString()
    const item: OutboxItem = {
      id: pending?.id ?? randomUUID(),
      articleId: article.id,
      headline: article.headline,
      target: input.target,
      revision: article.revision,
      contentKey,
      by: profile.name,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      remoteId: this.store.remoteId(input.target, article.id),
      createdAt: pending?.createdAt ?? now,
      sentAt: null,
    }
    await this.store.put(item)
    await this.workflow.record(article, 'push', { note: `queued for ${input.target}` })
    await this.processDue()
    return this.store.items().find((i) => i.id === item.id) ?? item
  }

  list(input: { articleId?: string | undefined }): OutboxItem[] {
    return this.store
      .items()
      .filter((i) => !input.articleId || i.articleId === input.articleId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  /** "Retry now": makes a failed or waiting item due immediately. */
  async retry(input: { id: string }): Promise<OutboxItem> {
    const item = this.store.items().find((i) => i.id === input.id)
    if (!item) throw new AppError('NOT_FOUND', 'That push is not in the outbox.')
    if (item.state !== 'sent')
      await this.store.put({
        ...item,
        state: 'queued',
        nextAttemptAt: new Date(this.env.now()).toISOString(),
      })
    await this.processDue()
    return this.store.items().find((i) => i.id === input.id) ?? item
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
    const due = this.store
      .items()
      .filter(
        (i) =>
          (i.state === 'queued' || i.state === 'failed') &&
          i.nextAttemptAt !== null &&
          Date.parse(i.nextAttemptAt) <= now,
      )
    for (const item of due) await this.send(item)
  }

  private async send(item: OutboxItem): Promise<void> {
    await this.store.put({ ...item, state: 'sending' })
    try {
      const client = this.env.client(item.target)
      if (typeof client === 'string') throw new PushError(client, false)
      const { article, document } = await this.exports.document(item.articleId, 'copydesk')
      const result = await client.push({
        articleId: article.id,
        revision: article.revision,
        contentKey: contentKeyOf(article),
        slug: article.slug || article.id,
        document,
        publication: toPublication(article),
        remoteId: this.store.remoteId(item.target, article.id),
      })
      const sentAt = new Date(this.env.now()).toISOString()
      await this.store.put(
        {
          ...item,
          state: 'sent',
          revision: article.revision,
          attempts: item.attempts + 1,
          lastError: null,
          nextAttemptAt: null,
          remoteId: result.remoteId,
          sentAt,
        },
        result.remoteId,
      )
      await this.workflow.record(article, 'push', {
        note: `sent to ${client.name}${result.remoteId ? ` (id ${result.remoteId})` : ''}`,
      })
      if (article.status === 'approved')
        await this.workflow.markPublished(article.id, item.by, `Confirmed by ${client.name}`)
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
}

/** Identifies what readers would see, whatever the workflow bookkeeping (status, revision) says. */
function contentKeyOf(article: Article): string {
  const publication = toPublication(article)
  return createHash('sha256').update(JSON.stringify(publication)).digest('hex').slice(0, 32)
}
