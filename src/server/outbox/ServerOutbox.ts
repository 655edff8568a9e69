import { clientForTarget } from '../../cms/clientForTarget'
import type { CmsClient } from '../../cms/CmsClient'
import type { PictureSource } from '../../cms/picturesToPush'
import { contentKeyOf } from '../../cms/contentKeyOf'
import { describeOutcome } from '../../cms/describeOutcome'
import type { Clock } from '../../shared/domain/Clock'
import type { PushTarget } from '../../shared/domain/OutboxItem'
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
import {
  isoAt,
  jsonLog,
  messageOf,
  type OutboxContext,
  type OutboxLog,
  type RenditionLinker,
} from './OutboxContext'
import { SecretRedactor } from './SecretRedactor'
import { OutboxLoop } from './OutboxLoop'
import { loadTargets, openSecrets, SECRET_OF, settingsOf } from './cmsTargetRows'
import { auditOutbox, itemOf, latestSent, loadItem, OUTBOX_COLUMNS, OutboxRow } from './outboxRows'
import type { SecretBox } from './SecretBox'
import { alreadyDelivered } from './alreadyDelivered'
import { ServerOutboxDelivery } from './ServerOutboxDelivery'
import { ServerPostWatcher } from './ServerPostWatcher'
import { withCorrection } from './withCorrection'
import { targetGap } from './targetGap'
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
  /** The desk's pictures (DeskMediaStore): WordPress gets a story's pictures from here. */
  media?: PictureSource
  /** Links to the desk's renditions (`--public-url`): webhook pictures go as links, not base64. */
  renditionLinks?: RenditionLinker | null
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
  private readonly watcher: ServerPostWatcher
  private readonly loop: OutboxLoop
  private readonly redactor = new SecretRedactor()
  private deskId: string | null = null

  constructor(
    private readonly db: Db,
    stories: StoryService,
    private readonly clock: Clock,
    private readonly options: ServerOutboxOptions,
  ) {
    this.context = {
      db,
      stories,
      clock,
      client: (target) => this.client(target),
      log: this.redactor.log(options.log ?? jsonLog),
      claimMs: (options.claimSeconds ?? 300) * 1000,
      messageOf: (error) => this.redactor.redact(messageOf(error)),
      pictures: options.media ?? null,
      renditionLinks: options.renditionLinks ?? null,
    }
    this.delivery = new ServerOutboxDelivery(this.context)
    this.watcher = new ServerPostWatcher(this.context)
    this.loop = new OutboxLoop(
      () => this.run(),
      () => nextDueAt(db),
      clock,
      (options.pollSeconds ?? 15) * 1000,
      this.context.log,
    )
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
      const unchanged = await alreadyDelivered(
        this.context,
        this.watcher,
        delivered,
        client,
        principal.accountId,
      )
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
           next_attempt_at = excluded.next_attempt_at, last_error = null, claim_token = null,
           claim_expires_at = null
         where outbox.state <> 'sending' or outbox.claim_expires_at <= $9::timestamptz
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
    this.loop.wake()
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
      await this.watcher.checkNow(row, client)
    } catch (error) {
      throw refused(this.context.messageOf(error), { reason: 'target' })
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
    return this.loop.drain()
  }

  /** Runs the delivery loop: at the next due time (by the Clock), at most `pollSeconds` apart. */
  start(): void {
    this.loop.start()
  }

  async stop(): Promise<void> {
    await this.loop.stop()
  }

  private async run(): Promise<number> {
    let handled = 0
    while (await this.delivery.sendNext()) handled += 1
    while (await this.watcher.checkNext()) handled += 1
    return handled
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
    const gap = targetGap(target, rows)
    if (gap !== null) return gap
    const secrets = openSecrets(rows, this.options.secrets)
    if (typeof secrets === 'string') return secrets
    for (const row of rows) {
      const secret = secrets.get(SECRET_OF[row.target], row.secret_origin)
      if (secret !== null)
        this.redactor.add(secret, row.target === 'wordpress' ? row.username : undefined)
    }
    this.deskId ??= await readDeskId(this.db)
    return clientForTarget(
      target,
      settingsOf(rows, this.options.renditionLinks?.base ?? null),
      secrets,
      {
        deskId: this.deskId,
        timeoutMs: this.options.timeoutMs,
      },
    )
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
