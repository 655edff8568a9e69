import type { CmsClient } from '../../cms/CmsClient'
import { watchInterval } from '../../cms/watchInterval'
import { isLive, isWaiting } from '../../shared/domain/OutboxItem'
import { confirmPublication } from './confirmPublication'
import { type Claim, claimDueCheck, claimSent, newClaim, releaseClaim } from './outboxClaims'
import { isoAt, type OutboxContext } from './OutboxContext'
import { itemOf, type OutboxRow } from './outboxRows'

/**
 * Looks at posts sent as drafts (or for review) until they go live, and then publishes the story:
 * only the latest delivery per site, story and target (the others are not watched), at the
 * workstation's intervals (watchInterval), one process at a time per post (a claim, as for sends).
 */
export class ServerPostWatcher {
  constructor(private readonly context: OutboxContext) {}

  /** Claims and reads the next post due a look; false when none was due. */
  async checkNext(): Promise<boolean> {
    const claim = newClaim(this.context.clock, this.context.claimMs)
    const row = await claimDueCheck(this.context.db, claim)
    if (row === null) return false
    const client = await this.context.client(row.target)
    if (typeof client === 'string' || client.site !== row.site) {
      // The target moved or lost its secret: look again later, when it may be back.
      await releaseClaim(this.context.db, row.id, claim, {
        next_check_at: isoAt(this.context.clock, watchInterval(0)),
      })
      return true
    }
    try {
      await this.check(row, claim, client)
    } catch (error) {
      this.context.log('warn', `Could not read a sent post's status from ${client.name}`, {
        item: row.id,
        error: this.context.messageOf(error),
      })
      await releaseClaim(this.context.db, row.id, claim, {
        next_check_at: isoAt(this.context.clock, watchInterval(0)),
      })
    }
    return true
  }

  /**
   * Reads a sent post's status now, unless another process is reading it at this moment (then the
   * item as it is). A failure to read leaves the item as it was, and is thrown.
   */
  async checkNow(row: OutboxRow, client: CmsClient): Promise<OutboxRow> {
    const claim = newClaim(this.context.clock, this.context.claimMs)
    if (!(await claimSent(this.context.db, row.id, claim))) return row
    try {
      return await this.check({ ...row, claim_token: claim.token }, claim, client)
    } catch (error) {
      await releaseClaim(this.context.db, row.id, claim, {})
      throw error
    }
  }

  /** Reads the post's status now; a post that went live publishes the story. */
  private async check(row: OutboxRow, claim: Claim, client: CmsClient): Promise<OutboxRow> {
    if (!client.check || row.remote_id === null) {
      // Nothing to look at (a webhook keeps no posts): stop watching it.
      await releaseClaim(this.context.db, row.id, claim, { next_check_at: null })
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
    await releaseClaim(this.context.db, row.id, claim, {
      remote_status: checked.remote_status,
      remote_slug: checked.remote_slug,
      remote_link: checked.remote_link,
      checked_at: now,
      next_check_at: isWaiting(item) ? isoAt(this.context.clock, watchInterval(waited)) : null,
    })
    if (isLive(item) && !isLive(itemOf(row)))
      await confirmPublication(this.context, checked, client)
    return checked
  }
}
