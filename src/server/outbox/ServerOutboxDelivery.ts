import { PushError, type CmsClient, type PushRequest } from '../../cms/CmsClient'
import { picturesToPush } from '../../cms/picturesToPush'
import { validatePublishJson } from '../../cms/validatePublishJson'
import { webhookRenditions, type RenditionTransport } from '../../cms/webhookRenditions'
import type { Article } from '../../shared/domain/Article'
import type { PictureFiles } from '../../shared/export/publishPicture'
import { storyPictures } from '../../shared/export/storyPictures'
import { cmsMediaLibrary } from '../media/cmsMediaLibrary'
import { contentKeyOf } from '../../cms/contentKeyOf'
import { retryDelayMs } from '../../cms/retryDelayMs'
import { watchInterval } from '../../cms/watchInterval'
import { isLive, isWaiting } from '../../shared/domain/OutboxItem'
import { readerCorrections } from '../../shared/domain/readerCorrections'
import { statusInSentence } from '../../shared/domain/statusLabel'
import { toPublication } from '../../shared/export/toPublication'
import { isFinal, toPublishJson } from '../../shared/export/toPublishJson'
import { approvedForPush, confirmPublication } from './confirmPublication'
import { type Claim, claimDueSend, newClaim, releaseClaim } from './outboxClaims'
import { isoAt, type OutboxContext } from './OutboxContext'
import {
  auditOutbox,
  itemOf,
  latestSent,
  rememberedRemoteId,
  remoteIdsElsewhere,
  type OutboxRow,
} from './outboxRows'
import { publishOptions, withCorrection } from './withCorrection'

/**
 * Sends claimed pushes. What goes out is the story's APPROVED
 * revision (StoryService.approvedDocument), never a later save, and only the revision the push was
 * queued for (a later approval fails the push without a retry); the CMS is asked outside any
 * transaction, and what it answered is written back only while this process still holds the claim.
 * A story becomes published (StoryService's publish transition, on the approved revision) only when
 * the CMS says readers can see it.
 */
export class ServerOutboxDelivery {
  constructor(private readonly context: OutboxContext) {}

  /** Claims and sends the next due push (or the one named); false when nothing was due. */
  async sendNext(id: string | null = null): Promise<boolean> {
    const claim = newClaim(this.context.clock, this.context.claimMs)
    const row = await claimDueSend(this.context.db, claim, id)
    if (row === null) return false
    await this.send(row, claim)
    return true
  }

  private async send(row: OutboxRow, claim: Claim): Promise<void> {
    try {
      await this.deliver(row, claim)
    } catch (error) {
      const retry = !(error instanceof PushError) || error.retry
      const attempts = row.attempts + 1
      const message = this.context.messageOf(error)
      await this.context.db.transaction(async (tx) => {
        const released = await releaseClaim(tx, row.id, claim, {
          state: 'failed',
          attempts,
          last_error: message,
          next_attempt_at: retry ? isoAt(this.context.clock, retryDelayMs(attempts)) : null,
        })
        // Workstations hear a push failed (review: they heard only of its queueing and success).
        if (released)
          await tx.query('select record_change($1, $2, $3, $4)', [
            'outbox_changed',
            row.article_id,
            row.revision,
            row.pushed_by,
          ])
      })
      this.context.log(retry ? 'warn' : 'error', 'A push to the CMS failed', {
        item: row.id,
        article: row.article_id,
        target: row.target,
        attempts,
        error: message,
      })
    }
  }

  /**
   * The story's pictures from the desk's store, and what the site's media library already holds of
   * them: only for a CMS with a media library (a webhook push does not wait on picture files).
   */
  private async pictures(
    article: Article,
    client: CmsClient,
  ): Promise<Pick<PushRequest, 'pictures' | 'media'>> {
    const used = storyPictures(article)
    if (!client.takesPictures || used.length === 0) return {}
    const source = this.context.pictures
    if (source === null)
      throw new PushError(
        'This desk has no picture store, so the story with pictures cannot be pushed',
        false,
      )
    return {
      pictures: await picturesToPush(article, source),
      media: await cmsMediaLibrary(
        this.context.db,
        client.site,
        used.map((entry) => entry.picture.mediaId),
      ),
    }
  }

  /**
   * The publish JSON as it goes out; for the webhook with the pictures' renditions in it (base64,
   * or links to this server with `--public-url`), checked against the publish schema as the
   * workstation checks every export: a document that fails is not sent, and the outbox says why.
   */
  private async document(article: Article, client: CmsClient): Promise<Record<string, unknown>> {
    const options = publishOptions(isoAt(this.context.clock))
    const mode = client.renditionsInDocument
    if (!mode) return { ...toPublishJson(article, options) }
    const pictures =
      storyPictures(article).length === 0 ? undefined : await this.renditions(article, mode)
    const document = { ...toPublishJson(article, { ...options, pictures }) }
    const problems = validatePublishJson(document)
    if (problems.length > 0)
      throw new PushError(
        `The story does not meet the Copydesk publish schema: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
        false,
      )
    return document
  }

  /** The renditions of the story's pictures from the desk's store, as the webhook takes them. */
  private async renditions(article: Article, mode: 'base64' | 'links'): Promise<PictureFiles> {
    const source = this.context.pictures
    if (source === null)
      throw new PushError(
        'This desk has no picture store, so the story with pictures cannot be pushed',
        false,
      )
    const links = this.context.renditionLinks
    const transport: RenditionTransport =
      mode === 'base64' || links === null
        ? { mode: 'base64' }
        : { mode, link: (rendition) => Promise.resolve(links.href(rendition.id)) }
    return webhookRenditions(article, source, transport)
  }

  private async deliver(row: OutboxRow, claim: Claim): Promise<void> {
    const client = await this.context.client(row.target)
    if (typeof client === 'string') throw new PushError(client, false)
    if (row.site !== client.site)
      throw new PushError(
        `This push was queued for ${row.site}, and ${client.name} now points to ${client.site}: push the story again to send it there`,
        false,
      )
    const approved = await approvedForPush(this.context, row.article_id)
    const { document: article } = approved
    if (!isFinal(article.status))
      throw new PushError(
        `The story was reopened after this push was queued (it is ${statusInSentence(article.status)}); approve it again and push`,
        false,
      )
    // Another chief's later approval is not what this push's chief chose to send: it waits for its own push.
    if (approved.revision !== row.revision)
      throw new PushError(
        `Revision ${approved.revision} was approved after this push was queued: push it again to send it`,
        false,
      )
    if (article.status === 'approved' && article.publishedAt && row.correction === null)
      throw new PushError(
        'The story was published before and needs a correction note for readers: push it again and write one',
        false,
      )
    const { db } = this.context
    const sending = withCorrection(article, row.correction, row.pushed_by_name, row.created_at)
    const contentKey = contentKeyOf(sending, client)
    const remoteId = await rememberedRemoteId(db, row.article_id, row.target, client.site)
    const last = await latestSent(db, row.article_id, row.target, client.site)
    const result = await client.push({
      articleId: article.id,
      revision: approved.revision,
      contentKey,
      slug: article.slug || article.id,
      document: await this.document(sending, client),
      publication: toPublication(sending),
      corrections: readerCorrections(sending),
      remoteId,
      lastSlug: last?.remote_slug ?? null,
      ...(await this.pictures(article, client)),
    })
    const elsewhere = remoteId
      ? []
      : await remoteIdsElsewhere(db, row.article_id, row.target, client.site)
    const notices = [
      ...elsewhere.map(
        ([site, id]) =>
          `This story was sent before to ${site} (post ${id}); ${client.site} is another site, so it got its own post here.`,
      ),
      ...result.notices,
    ]
    const now = isoAt(this.context.clock)
    const sent: OutboxRow = {
      ...row,
      state: 'sent',
      revision: approved.revision,
      content_key: contentKey,
      attempts: row.attempts + 1,
      last_error: null,
      next_attempt_at: null,
      remote_id: result.remoteId,
      sent_at: new Date(now),
      remote_status: result.remoteStatus,
      remote_slug: result.slug,
      remote_link: result.link,
      checked_at: new Date(now),
      notices,
    }
    // The story is published before the item is stored as sent: a server killed between the two
    // leaves the item claimed, so it is sent again when its claim runs out (the CMS drops the
    // repeat) and finds the story published. The other order could leave a story approved for good
    // beside a live post, with nothing left to look at it again.
    if (article.status === 'approved' && isLive(itemOf(sent)))
      await confirmPublication(this.context, sent, client)
    await db.transaction(async (tx) => {
      const updated = await tx.query(
        `update outbox set state = 'sent', revision = $3, content_key = $4, attempts = $5,
           last_error = null, next_attempt_at = null, remote_id = $6, sent_at = $7::timestamptz,
           remote_status = $8, remote_slug = $9, remote_link = $10, checked_at = $7::timestamptz,
           next_check_at = $11::timestamptz, notices = $12::jsonb, claim_token = null,
           claim_expires_at = null
         where id = $1 and claim_token = $2 returning id`,
        [
          row.id,
          claim.token,
          sent.revision,
          contentKey,
          sent.attempts,
          sent.remote_id,
          now,
          sent.remote_status,
          sent.remote_slug,
          sent.remote_link,
          isWaiting(itemOf(sent)) ? isoAt(this.context.clock, watchInterval(0)) : null,
          notices,
        ],
      )
      // Another process took the item over (this one's claim ran out): what it writes stands.
      if (updated.length === 0) return
      // Only the latest delivery of a story to a site is watched.
      await tx.query(
        `update outbox set next_check_at = null
         where article_id = $1 and target = $2 and site = $3 and id <> $4 and next_check_at is not null`,
        [row.article_id, row.target, row.site, row.id],
      )
      await auditOutbox(tx, {
        at: now,
        actorId: row.pushed_by,
        action: 'outbox:sent',
        articleId: row.article_id,
        revision: approved.revision,
        detail: {
          item: row.id,
          target: row.target,
          cms: client.name,
          site: client.site,
          httpStatus: result.status,
          remoteId: result.remoteId,
          remoteStatus: result.remoteStatus,
          link: result.link,
          notices,
        },
      })
    })
    this.context.log('info', `Sent to ${client.name}`, {
      item: row.id,
      article: row.article_id,
      revision: approved.revision,
      remoteId: result.remoteId,
      remoteStatus: result.remoteStatus,
    })
  }
}
