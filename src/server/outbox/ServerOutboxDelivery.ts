import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { PushError, type CmsClient } from '../../cms/CmsClient'
import { contentKeyOf } from '../../cms/contentKeyOf'
import { retryDelayMs } from '../../cms/retryDelayMs'
import { watchInterval } from '../../cms/watchInterval'
import type { Article } from '../../shared/domain/Article'
import { isLive, isWaiting } from '../../shared/domain/OutboxItem'
import { readerCorrections } from '../../shared/domain/readerCorrections'
import { statusInSentence } from '../../shared/domain/statusLabel'
import { AccountRole } from '../../shared/desk/AccountRole'
import { DeskError } from '../../shared/desk/DeskError'
import { DEFAULT_DESK_SETTINGS } from '../../shared/domain/DeskSettings'
import { toPublication } from '../../shared/export/toPublication'
import { isFinal, toPublishJson } from '../../shared/export/toPublishJson'
import type { ApprovedDocument } from '../stories/StoryService'
import type { Principal } from '../Principal'
import { type Claim, claimDueCheck, claimDueSend } from './outboxClaims'
import { isoAt, type OutboxContext } from './OutboxContext'
import {
  auditOutbox,
  itemOf,
  latestSent,
  rememberedRemoteId,
  remoteIdsElsewhere,
  type OutboxRow,
} from './outboxRows'

/**
 * Sends claimed pushes and looks at posts waiting to go live. What goes out is the story's APPROVED
 * revision (StoryService.approvedDocument), never a later save; the CMS is asked outside any
 * transaction, and what it answered is written back only while this process still holds the claim.
 * A story becomes published (StoryService's publish transition, on the approved revision) only when
 * the CMS says readers can see it.
 */
export class ServerOutboxDelivery {
  constructor(private readonly context: OutboxContext) {}

  newClaim(): Claim {
    const { clock, claimMs } = this.context
    return { token: randomUUID(), now: isoAt(clock), expiresAt: isoAt(clock, claimMs) }
  }

  /** Claims and sends the next due push (or the one named); false when nothing was due. */
  async sendNext(id: string | null = null): Promise<boolean> {
    const claim = this.newClaim()
    const row = await claimDueSend(this.context.db, claim, id)
    if (row === null) return false
    await this.send(row, claim)
    return true
  }

  /** Claims and reads the next post due a look; false when none was due. */
  async checkNext(): Promise<boolean> {
    const claim = this.newClaim()
    const row = await claimDueCheck(this.context.db, claim)
    if (row === null) return false
    const client = await this.context.client(row.target)
    if (typeof client === 'string' || client.site !== row.site) {
      // The target moved or lost its secret: look again later, when it may be back.
      await this.release(row, claim, { next_check_at: isoAt(this.context.clock, watchInterval(0)) })
      return true
    }
    try {
      await this.check(row, claim, client)
    } catch (error) {
      this.context.log('warn', `Could not read a sent post's status from ${client.name}`, {
        item: row.id,
        error: messageOf(error),
      })
      await this.release(row, claim, { next_check_at: isoAt(this.context.clock, watchInterval(0)) })
    }
    return true
  }

  /**
   * Reads a sent post's status now, unless another process is reading it at this moment (then the
   * item as it is). A failure to read leaves the item as it was, and is thrown.
   */
  async checkNow(row: OutboxRow, client: CmsClient): Promise<OutboxRow> {
    const claim = this.newClaim()
    const claimed = await this.context.db.query(
      `update outbox set claim_token = $2, claim_expires_at = $3::timestamptz
       where id = $1 and state = 'sent'
         and (claim_token is null or claim_expires_at <= $4::timestamptz) returning id`,
      [row.id, claim.token, claim.expiresAt, claim.now],
    )
    if (claimed.length === 0) return row
    try {
      return await this.check({ ...row, claim_token: claim.token }, claim, client)
    } catch (error) {
      await this.release(row, claim, {})
      throw error
    }
  }

  /** Reads the post's status now; a post that went live publishes the story. */
  async check(row: OutboxRow, claim: Claim, client: CmsClient): Promise<OutboxRow> {
    if (!client.check || row.remote_id === null) {
      // Nothing to look at (a webhook keeps no posts): stop watching it.
      await this.release(row, claim, { next_check_at: null })
      return row
    }
    const state = await client.check(row.remote_id, row.article_id)
    const now = isoAt(this.context.clock)
    const checked: OutboxRow = !state
      ? { ...row, remote_status: 'gone', checked_at: new Date(now) }
      : {
          ...row,
          remote_status: state.mine ? state.remoteStatus : 'unowned',
          remote_slug: state.slug,
          remote_link: state.link,
          checked_at: new Date(now),
        }
    const item = itemOf(checked)
    const waited = Date.parse(now) - Date.parse(item.sentAt ?? item.createdAt)
    await this.release(row, claim, {
      remote_status: checked.remote_status,
      remote_slug: checked.remote_slug,
      remote_link: checked.remote_link,
      checked_at: now,
      next_check_at: isWaiting(item) ? isoAt(this.context.clock, watchInterval(waited)) : null,
    })
    if (isLive(item) && !isLive(itemOf(row))) await this.confirm(checked, client)
    return checked
  }

  private async send(row: OutboxRow, claim: Claim): Promise<void> {
    try {
      await this.deliver(row, claim)
    } catch (error) {
      const retry = !(error instanceof PushError) || error.retry
      const attempts = row.attempts + 1
      const message = messageOf(error)
      await this.release(row, claim, {
        state: 'failed',
        attempts,
        last_error: message,
        next_attempt_at: retry ? isoAt(this.context.clock, retryDelayMs(attempts)) : null,
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

  private async deliver(row: OutboxRow, claim: Claim): Promise<void> {
    const client = await this.context.client(row.target)
    if (typeof client === 'string') throw new PushError(client, false)
    if (row.site !== client.site)
      throw new PushError(
        `This push was queued for ${row.site}, and ${client.name} now points to ${client.site}: push the story again to send it there`,
        false,
      )
    const approved = await this.approved(row.article_id)
    const { document: article } = approved
    if (!isFinal(article.status))
      throw new PushError(
        `The story was reopened after this push was queued (it is ${statusInSentence(article.status)}); approve it again and push`,
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
      document: { ...toPublishJson(sending, publishOptions(isoAt(this.context.clock))) },
      publication: toPublication(sending),
      corrections: readerCorrections(sending),
      remoteId,
      lastSlug: last?.remote_slug ?? null,
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
    const kept = await db.transaction(async (tx) => {
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
      if (updated.length === 0) return false
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
      return true
    })
    this.context.log('info', `Sent to ${client.name}`, {
      item: row.id,
      article: row.article_id,
      revision: approved.revision,
      remoteId: result.remoteId,
      remoteStatus: result.remoteStatus,
    })
    if (kept && article.status === 'approved' && isLive(itemOf(sent)))
      await this.confirm(sent, client)
  }

  /**
   * A live delivery publishes the story (with its correction note, if it carried one) when the story
   * is still approved on the version that was sent; a later approval waits for its own push. The
   * CMS's answer goes into the audit trail first, then StoryService's publish transition on the
   * approved revision, as the account that pushed (or the desk chief pushing the same version again).
   */
  async confirm(row: OutboxRow, client: CmsClient, actorId = row.pushed_by): Promise<void> {
    let approved: ApprovedDocument
    try {
      approved = await this.approved(row.article_id)
    } catch {
      return
    }
    const article = approved.document
    if (article.status !== 'approved') return
    // Published before and approved again: only a push with a note for readers publishes it.
    if (article.publishedAt && row.correction === null) return
    const sending = withCorrection(article, row.correction, row.pushed_by_name, row.created_at)
    if (contentKeyOf(sending, client) !== row.content_key) return
    const now = isoAt(this.context.clock)
    await this.context.db.transaction((tx) =>
      auditOutbox(tx, {
        at: now,
        actorId,
        action: 'outbox:live',
        articleId: row.article_id,
        revision: approved.revision,
        detail: {
          item: row.id,
          cms: client.name,
          site: row.site,
          remoteId: row.remote_id,
          remoteStatus: row.remote_status,
          link: row.remote_link,
        },
      }),
    )
    try {
      await this.context.stories.transition(await this.account(actorId), {
        id: row.article_id,
        revision: approved.revision,
        action: article.publishedAt ? 'publish_correction' : 'publish',
        note: row.correction ?? '',
      })
    } catch (error) {
      this.context.log(
        'error',
        `${client.name} has the story live, but the desk could not mark it published; the next push to ${client.name} will.`,
        { item: row.id, article: row.article_id, error: messageOf(error) },
      )
    }
  }

  private async approved(articleId: string): Promise<ApprovedDocument> {
    try {
      return await this.context.stories.approvedDocument(articleId)
    } catch (error) {
      if (error instanceof DeskError && error.code === 'REFUSED')
        throw new PushError(
          'The story was reopened after this push was queued; approve it again and push',
          false,
        )
      throw error
    }
  }

  /** The account confirming, as the publish transition's caller (its role as the database has it now). */
  private async account(accountId: string): Promise<Principal> {
    const rows = await this.context.db.query(
      'select name, email, role from accounts where id = $1',
      [accountId],
    )
    const account = z
      .object({ name: z.string(), email: z.string(), role: AccountRole })
      .parse(rows[0])
    return { accountId, ...account, deviceId: '' }
  }

  /** Writes what happened back onto the item and lets it go, if this process still holds it. */
  private async release(
    row: OutboxRow,
    claim: Claim,
    changes: Record<string, string | number | null>,
  ): Promise<void> {
    const names = Object.keys(changes)
    const sets = names.map((name, index) => `${name} = $${index + 3}`)
    await this.context.db.query(
      `update outbox set ${[...sets, 'claim_token = null', 'claim_expires_at = null'].join(', ')}
       where id = $1 and claim_token = $2`,
      [row.id, claim.token, ...names.map((name) => changes[name] ?? null)],
    )
  }
}

/** The story as it goes out: with the correction note for readers this push carries. */
export function withCorrection(
  article: Article,
  correction: string | null,
  by: string,
  at: Date,
): Article {
  return correction === null
    ? article
    : { ...article, pendingCorrection: { by, at: at.toISOString(), note: correction } }
}

/** The desk server keeps the workstation's default house rules for what it renders. */
function publishOptions(exportedAt: string): Parameters<typeof toPublishJson>[1] {
  const settings = DEFAULT_DESK_SETTINGS
  return {
    exportedAt,
    generator: 'Copydesk desk server',
    comments: { enabled: settings.commentsEnabled, minLength: settings.commentMinLength },
    language: settings.language,
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
