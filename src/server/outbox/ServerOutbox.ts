import { clientForTarget } from '../../cms/clientForTarget'
import type { CmsClient } from '../../cms/CmsClient'
import { contentKeyOf } from '../../cms/contentKeyOf'
import { describeOutcome } from '../../cms/describeOutcome'
import type { Clock } from '../../shared/domain/Clock'
import { isLive, type PushTarget } from '../../shared/domain/OutboxItem'
import { workflowRole } from '../../shared/desk/AccountRole'
import type {
  CmsTargetView,
  DeskOutboxItem,
  DeskPushOutcome,
  ListOutboxInput,
  PushRefusedDetails,
  PushStoryInput,
  SetCmsTargetInput,
} from '../../shared/desk/calls/deskOutboxCalls'
import { DeskError } from '../../shared/desk/DeskError'
import { isFinal } from '../../shared/export/toPublishJson'
import type { Db } from '../db/Db'
import type { Principal } from '../Principal'
import { callerAccount } from '../stories/storyRows'
import type { StoryService } from '../stories/StoryService'
import { nextDueAt } from './outboxClaims'
import { isoAt, type OutboxContext, type OutboxLog } from './OutboxContext'
import { loadTargets, openSecrets, settingsOf } from './cmsTargetRows'
import { auditOutbox, itemOf, latestSent, loadItem, OUTBOX_COLUMNS, OutboxRow } from './outboxRows'
import type { SecretBox } from './SecretBox'
import { ServerOutboxDelivery, withCorrection } from './ServerOutboxDelivery'
import * as targets from './cmsTargets'

export type ServerOutboxOptions = {
  /** Seals and opens the CMS secrets (see SecretBox and loadSecretKey). */
  secrets: SecretBox
  /** How long the CMS may take to answer one request (default 15 s). */
  timeoutMs?: number
  /** How long a claim keeps other processes off an item being sent (default 5 min). */
  claimSeconds?: number
  /** The longest the delivery loop sleeps before looking for work again (default 15 s). */
  pollSeconds?: number
  log?: OutboxLog
}

/**
 * The desk server's outbox (issue 14 item 5): pushes to WordPress and webhooks with the
 * workstation's rules (persistent, idempotent, retried with backoff, confirmed), the CMS secrets kept
 * on the server only. Safe with several server processes on one database: an item is claimed in one
 * statement with an expiry and sent outside any transaction (see outboxClaims).
 */
export class ServerOutbox {
  private readonly context: OutboxContext
  private readonly delivery: ServerOutboxDelivery
  private readonly pollMs: number
  private deskId: string | null = null
  private running: Promise<number> | null = null
  private timer: NodeJS.Timeout | undefined
  private started = false

  constructor(
    private readonly db: Db,
    stories: StoryService,
    private readonly clock: Clock,
    private readonly options: ServerOutboxOptions,
  ) {
    this.pollMs = (options.pollSeconds ?? 15) * 1000
    this.context = {
      db,
      stories,
      clock,
      client: (target) => this.client(target),
      log: options.log ?? jsonLog,
      claimMs: (options.claimSeconds ?? 300) * 1000,
    }
    this.delivery = new ServerOutboxDelivery(this.context)
  }

  /**
   * Queues the story's approved revision for `target` and tries it at once. A desk chief's (or
   * admin's) only; a story published before goes out again only with a correction note for readers.
   * The same content already delivered is not sent again.
   */
  async push(principal: Principal, input: PushStoryInput): Promise<DeskPushOutcome> {
    const caller = await this.chief(principal, 'Pushing to the CMS is for a desk chief.')
    const client = await this.client(input.target)
    if (typeof client === 'string') throw refused(client, { reason: 'target' })
    const approved = await this.context.stories.approvedDocument(input.id)
    const article = approved.document
    if (!isFinal(article.status))
      throw refused('Only approved stories (or published ones, for corrections) go to the CMS.', {
        reason: 'workflow',
      })
    const note = input.correction?.trim() ?? ''
    const republishing = article.status === 'approved' && article.publishedAt !== null
    if (note && !republishing)
      throw refused(
        'A correction note is for an approved story that was published before; this one is not.',
        { reason: 'workflow' },
      )
    const now = isoAt(this.clock)
    const sending = withCorrection(article, note || null, caller.name, new Date(now))
    const contentKey = contentKeyOf(sending, client)
    const delivered = await latestSent(this.db, input.id, input.target, client.site)
    if (delivered?.content_key === contentKey) {
      const unchanged = await this.unchanged(delivered, client, principal.accountId)
      if (unchanged) return unchanged
    }
    if (republishing && !note)
      throw refused(
        'This story was published before: pushing it again needs a correction note for readers, saying what was wrong and what is right.',
        { reason: 'needs_correction', needsCorrection: true },
      )
    const id = await this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `insert into outbox (article_id, target, site, revision, content_key, headline, correction,
           pushed_by, state, attempts, next_attempt_at, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', 0, $9::timestamptz, $9::timestamptz)
         on conflict (article_id, target, site) where state <> 'sent' do update set
           revision = excluded.revision, content_key = excluded.content_key,
           headline = excluded.headline, correction = excluded.correction,
           pushed_by = excluded.pushed_by, state = 'queued', attempts = 0,
           next_attempt_at = excluded.next_attempt_at, last_error = null
         where outbox.state <> 'sending'
         returning id`,
        [
          input.id,
          input.target,
          client.site,
          approved.revision,
          contentKey,
          article.headline,
          note || null,
          principal.accountId,
          now,
        ],
      )
      const queued = rows[0]?.['id']
      if (typeof queued !== 'string') return null
      await auditOutbox(tx, {
        at: now,
        actorId: principal.accountId,
        action: 'outbox:queued',
        articleId: input.id,
        revision: approved.revision,
        detail: { item: queued, target: input.target, site: client.site },
      })
      return queued
    })
    if (id === null)
      throw refused(
        `A push of this story to ${client.name} is being sent right now; look at the outbox in a moment.`,
        { reason: 'sending' },
      )
    await this.delivery.sendNext(id)
    this.wake()
    return this.outcome(id)
  }

  /** The desk's pushes (or one story's), newest first. */
  async list(principal: Principal, input: ListOutboxInput): Promise<DeskOutboxItem[]> {
    await this.chief(principal, 'The outbox is for desk chiefs.')
    const rows = await this.db.query(
      `select ${OUTBOX_COLUMNS} from outbox o join accounts a on a.id = o.pushed_by
       where $1::uuid is null or o.article_id = $1::uuid
       order by o.created_at desc, o.id limit $2`,
      [input.articleId ?? null, input.limit],
    )
    return rows.map((row) => itemOf(OutboxRow.parse(row)))
  }

  /** "Retry now": a failed or waiting push is due at once, and tried. */
  async retry(principal: Principal, input: { id: string }): Promise<DeskPushOutcome> {
    await this.chief(principal, 'Retrying a push is for a desk chief.')
    const row = await loadItem(this.db, input.id)
    if (row === null) throw new DeskError('NOT_FOUND', 'That push is not in the outbox.', {})
    await this.db.query(
      `update outbox set state = 'queued', next_attempt_at = $2::timestamptz
       where id = $1 and state in ('queued', 'failed')`,
      [input.id, isoAt(this.clock)],
    )
    await this.delivery.sendNext(input.id)
    return this.outcome(input.id)
  }

  /** "Check WordPress now": reads a sent post's status; a post that went live publishes the story. */
  async check(principal: Principal, input: { id: string }): Promise<DeskPushOutcome> {
    await this.chief(principal, 'Checking a push is for a desk chief.')
    const row = await loadItem(this.db, input.id)
    if (row === null) throw new DeskError('NOT_FOUND', 'That push is not in the outbox.', {})
    const client = await this.client(row.target)
    if (typeof client === 'string') throw refused(client, { reason: 'target' })
    if (row.state !== 'sent' || !client.check) return this.outcome(row.id)
    if (row.site !== client.site)
      throw refused(
        `This push went to ${row.site}; ${client.name} now points to ${client.site}, so its post cannot be looked at from here.`,
        { reason: 'target' },
      )
    try {
      await this.delivery.checkNow(row, client)
    } catch (error) {
      throw refused(error instanceof Error ? error.message : String(error), { reason: 'target' })
    }
    return this.outcome(row.id)
  }

  listTargets(principal: Principal): Promise<CmsTargetView[]> {
    return targets.listTargets(this.db, principal)
  }

  setTarget(principal: Principal, input: SetCmsTargetInput) {
    return targets.setTarget(this.db, principal, input, {
      box: this.options.secrets,
      now: isoAt(this.clock),
    })
  }

  clearTarget(principal: Principal, input: { target: PushTarget }): Promise<boolean> {
    return targets.clearTarget(this.db, principal, input.target, isoAt(this.clock))
  }

  /**
   * Sends every push due now and looks at every post due a look, one at a time, until none is left
   * (items other processes hold are theirs). Concurrent calls share one run. Answers how many it
   * handled.
   */
  drain(): Promise<number> {
    this.running ??= this.run().finally(() => {
      this.running = null
    })
    return this.running
  }

  /** Runs the delivery loop: at the next due time (by the Clock), at most `pollSeconds` apart. */
  start(): void {
    this.started = true
    this.schedule(0)
  }

  async stop(): Promise<void> {
    this.started = false
    clearTimeout(this.timer)
    await this.running
  }

  private wake(): void {
    if (this.started) this.schedule(0)
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.tick(), delayMs)
    this.timer.unref()
  }

  private async tick(): Promise<void> {
    let delay = this.pollMs
    try {
      await this.drain()
      const next = await nextDueAt(this.db)
      if (next !== null)
        delay = Math.max(0, Math.min(this.pollMs, next.getTime() - this.clock.now().getTime()))
    } catch (error) {
      this.context.log('error', 'The outbox could not send its due pushes; it tries again soon.', {
        error: error instanceof Error ? error.message : String(error),
      })
    }
    if (this.started) this.schedule(delay)
  }

  private async run(): Promise<number> {
    let handled = 0
    while (await this.delivery.sendNext()) handled += 1
    while (await this.delivery.checkNext()) handled += 1
    return handled
  }

  /**
   * The CMS already has this version: say so and send nothing. A WordPress post is looked at first:
   * one that is gone, trashed or no longer this story's is not "had", and the push goes ahead. A
   * post found live publishes a story still approved and never published.
   */
  private async unchanged(
    delivered: OutboxRow,
    client: CmsClient,
    actorId: string,
  ): Promise<DeskPushOutcome | null> {
    let row = delivered
    let unread: string | null = null
    if (client.check && row.remote_id !== null) {
      try {
        row = await this.delivery.checkNow(row, client)
      } catch (error) {
        unread = error instanceof Error ? error.message : String(error)
      }
      if (['gone', 'trash', 'unowned'].includes(row.remote_status ?? '')) return null
    }
    const item = itemOf(row)
    // A story still approved on this very version follows the CMS (confirm checks which).
    if (unread === null && isLive(item)) await this.delivery.confirm(row, client, actorId)
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

  private async outcome(id: string): Promise<DeskPushOutcome> {
    const row = await loadItem(this.db, id)
    if (row === null) throw new DeskError('NOT_FOUND', 'That push is not in the outbox.', {})
    const item = itemOf(row)
    const client = await this.client(row.target)
    const name = typeof client === 'string' ? cmsName(row.target) : client.name
    return { item, sent: item.state === 'sent', message: describeOutcome(item, name) }
  }

  private async chief(principal: Principal, refusal: string): Promise<{ name: string }> {
    const caller = await callerAccount(this.db, principal)
    if (workflowRole(caller.role) !== 'desk-chief') throw new DeskError('FORBIDDEN', refusal, {})
    return caller
  }

  /** The client for a target as the desk configured it on this server, or what is missing. */
  private async client(target: PushTarget): Promise<CmsClient | string> {
    const rows = await loadTargets(this.db, target)
    const secrets = openSecrets(rows, this.options.secrets)
    if (typeof secrets === 'string') return secrets
    this.deskId ??= await readDeskId(this.db)
    return clientForTarget(target, settingsOf(rows), secrets, {
      deskId: this.deskId,
      timeoutMs: this.options.timeoutMs,
    })
  }
}

function refused(message: string, details: PushRefusedDetails): DeskError {
  return new DeskError('REFUSED', message, details)
}

function cmsName(target: PushTarget): string {
  return target === 'wordpress' ? 'WordPress' : 'Webhook'
}

async function readDeskId(db: Db): Promise<string> {
  const rows = await db.query('select id from desk')
  return String(rows[0]?.['id'])
}

/** One JSON line per event on stderr, as the rest of the desk server logs. */
const jsonLog: OutboxLog = (level, message, fields = {}) => {
  process.stderr.write(`${JSON.stringify({ level, area: 'outbox', message, ...fields })}\n`)
}
