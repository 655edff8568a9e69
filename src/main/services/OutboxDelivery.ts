import type { Article } from '../../shared/domain/Article'
import { isLive, latestDelivery, type OutboxItem } from '../../shared/domain/OutboxItem'
import { readerCorrections } from '../../shared/domain/readerCorrections'
import { isFinal } from '../../shared/export/toPublishJson'
import { toPublication } from '../../shared/export/toPublication'
import { PushError, type CmsClient, type MediaLibrary, type PushRequest } from '../../cms/CmsClient'
import { storyPictures } from '../../shared/export/storyPictures'
import { mediaPictureSource, pushPictures } from '../media/pushPictures'
import { webhookRenditions, type RenditionTransport } from '../../cms/webhookRenditions'
import { isoNow } from '../../shared/domain/Clock'
import type { OutboxStore } from '../store/OutboxStore'
import { contentKeyOf } from '../../cms/contentKeyOf'
import { retryDelayMs } from '../../cms/retryDelayMs'
import type { ExportService } from './ExportService'
import type { OutboxEnv } from './OutboxService'
import type { WorkflowService } from './WorkflowService'
import { log } from '../log/log'
import { statusInSentence } from '../../shared/domain/statusLabel'
import { outboxHold, wordPressSchedule } from '../../shared/domain/publicationTime'

/**
 * Sends queued pushes: the story as it is now, to the site the push was queued for, with what the
 * CMS answered kept on the outbox item and in the audit trail. Failures retry with backoff (5 s
 * doubling to 10 min) when retrying can help.
 */
export class OutboxDelivery {
  constructor(
    private readonly store: OutboxStore,
    private readonly exports: ExportService,
    private readonly workflow: WorkflowService,
    private readonly env: OutboxEnv,
  ) {}

  /** Sends one due item; a failure is kept on it, with the next try when retrying can help. */
  async send(item: OutboxItem): Promise<void> {
    // Rescheduled or embargoed since it was queued: it waits for the story's time, and says so.
    const current = await this.exports.document(item.articleId, 'copydesk').catch(() => null)
    const held = current ? outboxHold(current.article, item.target, this.env.clock.now()) : null
    if (held && current) {
      await this.store.put({
        ...item,
        state: 'queued',
        nextAttemptAt: held,
        scheduledFor: current.article.scheduledFor ?? held,
      })
      return
    }
    await this.store.put({ ...item, state: 'sending' })
    let delivered: { item: OutboxItem; article: Article; client: CmsClient }
    try {
      delivered = await this.deliver(item)
    } catch (error) {
      const retry = !(error instanceof PushError) || error.retry
      const attempts = item.attempts + 1
      const delay = retryDelayMs(attempts)
      const message = error instanceof Error ? error.message : String(error)
      await this.store.put({
        ...item,
        state: 'failed',
        attempts,
        lastError: message,
        nextAttemptAt: retry
          ? new Date(this.env.clock.now().getTime() + delay).toISOString()
          : null,
      })
      return
    }
    // Delivered: whatever happens now, the CMS has it. The story is published before the item is
    // stored as sent: a crash between the two leaves the item "sending", which the next start sends
    // again (the CMS drops the repeat) and finds the story published. The other order could leave a
    // story approved for good beside a live post, with nothing left to look at it again.
    const { item: sent, article, client } = delivered
    const post = sent.remoteId
      ? ` (id ${sent.remoteId}${sent.remoteStatus ? `, ${sent.remoteStatus}` : ''})`
      : ''
    await this.workflow
      .record(article, 'push', {
        note: [`sent to ${client.name}${post}`, ...sent.notices].join(' '),
      })
      .catch((error: unknown) =>
        log.problem(
          'outbox',
          `${client.name} has the story; its audit line could not be written.`,
          error,
        ),
      )
    if (article.status === 'approved' && isLive(sent))
      await this.workflow
        .confirmPublished(article.id, { by: item.by, cms: client.name })
        .catch((error: unknown) =>
          log.problem(
            'outbox',
            `${client.name} has the story, but Copydesk could not mark it published; the next push to ${client.name} will.`,
            error,
          ),
        )
    await this.store.put(sent, sent.remoteId)
  }

  /** Sends the story as it is now to the site the item was queued for. */
  private async deliver(
    item: OutboxItem,
  ): Promise<{ item: OutboxItem; article: Article; client: CmsClient }> {
    const client = this.env.client(item.target)
    if (typeof client === 'string') throw new PushError(client, false)
    if (item.site && item.site !== client.site)
      throw new PushError(
        `This push was queued for ${item.site}, and ${client.name} now points to ${client.site}: push the story again to send it there`,
        false,
      )
    const { article, document: words } = await this.exports.document(item.articleId, 'copydesk')
    if (!isFinal(article.status))
      throw new PushError(
        `The story was reopened after this push was queued (it is ${statusInSentence(article.status)}); approve it again and push`,
        false,
      )
    if (article.status === 'approved' && article.publishedAt && !article.pendingCorrection)
      throw new PushError(
        'The story was published before and needs a correction note for readers: push it again and write one',
        false,
      )
    const contentKey = contentKeyOf(article, client)
    const remoteId = this.store.remoteId(item.target, client.site, article.id)
    const last = latestDelivery(
      this.store
        .items()
        .filter(
          (i) => i.articleId === article.id && i.target === item.target && i.site === client.site,
        ),
    )
    const document = client.renditionsInDocument
      ? await this.withRenditions(article, words, client.renditionsInDocument)
      : words
    const result = await client.push({
      articleId: article.id,
      revision: article.revision,
      contentKey,
      slug: article.slug || article.id,
      document,
      publication: toPublication(article),
      corrections: readerCorrections(article),
      remoteId,
      lastSlug: last?.remoteSlug ?? null,
      schedule: wordPressSchedule(article.scheduledFor, this.env.clock.now()),
      ...(client.takesPictures ? await this.pictures(article) : {}),
    })
    const elsewhere = remoteId
      ? []
      : this.store.remoteIdsElsewhere(item.target, client.site, article.id)
    const moved = elsewhere.map(
      ([site, id]) =>
        `This story was sent before to ${site} (post ${id}); ${client.site} is another site, so it got its own post here.`,
    )
    const now = isoNow(this.env.clock)
    const sent: OutboxItem = {
      ...item,
      site: client.site,
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
      notices: [...moved, ...result.notices],
      scheduledFor: article.scheduledFor,
    }
    return { item: sent, article, client }
  }

  /**
   * The publish JSON with the pictures' renditions in it, base64-encoded or as links (the desk's
   * webhook setting), validated against the publish schema like an export: the webhook gets every
   * picture of the story or the push stops, naming the one that cannot go.
   */
  private async withRenditions(
    article: Article,
    words: Record<string, unknown>,
    mode: 'base64' | 'links',
  ): Promise<Record<string, unknown>> {
    if (storyPictures(article).length === 0) return words
    const { media, linkRendition } = this.env
    if (!media)
      throw new PushError(
        'This desk has no picture store, so the story with pictures cannot be pushed',
        false,
      )
    const transport: RenditionTransport =
      mode === 'base64'
        ? { mode }
        : {
            mode,
            link:
              linkRendition ??
              (() => {
                throw new PushError('This workstation cannot send pictures as links', false)
              }),
          }
    const files = await webhookRenditions(article, mediaPictureSource(media), transport)
    return (await this.exports.document(article.id, 'copydesk', files)).document
  }

  /** The story's pictures, and what each site already has of them (kept in the outbox file); only
   * for a CMS with a media library, so a webhook push does not wait on picture files it never sends. */
  private async pictures(article: Article): Promise<Pick<PushRequest, 'pictures' | 'media'>> {
    const media = this.env.media
    const library: MediaLibrary = {
      get: (site, mediaId) => this.store.media(site, mediaId),
      put: (site, mediaId, remote) => this.store.putMedia(site, mediaId, remote),
    }
    if (media) return { pictures: await pushPictures(article, media), media: library }
    if (storyPictures(article).length > 0)
      throw new PushError(
        'This desk has no picture store, so the story with pictures cannot be pushed',
        false,
      )
    return {}
  }
}
