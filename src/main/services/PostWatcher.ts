import { isLive, isWaiting, latestDelivery, type OutboxItem } from '../../shared/domain/OutboxItem'
import type { CmsClient } from '../../cms/CmsClient'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { OutboxStore } from '../store/OutboxStore'
import { contentKeyOf } from '../../cms/contentKeyOf'
import { watchInterval } from '../../cms/watchInterval'
import type { ExportService } from './ExportService'
import type { WorkflowService } from './WorkflowService'

/**
 * Looks at posts sent as drafts or for review until they go live, and then publishes the story:
 * only the latest delivery per site, story and target, only while it may still go live (not gone,
 * trashed, private, or no longer carrying the story's mark), and only on the site it was sent to.
 */
export class PostWatcher {
  constructor(
    private readonly store: OutboxStore,
    private readonly exports: ExportService,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
  ) {}

  /** The deliveries due a look now. */
  due(items: OutboxItem[]): OutboxItem[] {
    const groups = new Map<string, OutboxItem[]>()
    for (const item of items) {
      const key = `${item.site} ${item.articleId} ${item.target}`
      groups.set(key, [...(groups.get(key) ?? []), item])
    }
    const latest = [...groups.values()].flatMap((group) => latestDelivery(group) ?? [])
    const now = this.clock.now().getTime()
    return latest.filter((item) => {
      if (!isWaiting(item)) return false
      // A scheduled post is WordPress's until its time; at the time it is looked at straight away.
      const at =
        item.remoteStatus === 'future' && item.scheduledFor ? Date.parse(item.scheduledFor) : null
      if (at !== null && now < at) return false
      if (at !== null && (item.checkedAt === null || Date.parse(item.checkedAt) < at)) return true
      if (item.checkedAt === null) return true
      const waited = now - Date.parse(item.sentAt ?? item.createdAt)
      return Date.parse(item.checkedAt) + watchInterval(waited) <= now
    })
  }

  /**
   * Reads the post's status, and whether it still carries the story's owner mark. A post that went
   * live publishes the story; one that no longer carries the mark never does (its id may be a
   * stranger's post now), and is not looked at again.
   */
  async check(item: OutboxItem, client: CmsClient): Promise<OutboxItem> {
    if (!client.check || !item.remoteId) return item
    if (item.site && item.site !== client.site) return item
    const state = await client.check(item.remoteId, item.articleId)
    const checkedAt = isoNow(this.clock)
    const checked: OutboxItem = !state
      ? { ...item, remoteStatus: 'gone', checkedAt }
      : {
          ...item,
          remoteStatus: state.mine ? state.remoteStatus : 'unowned',
          remoteSlug: state.slug,
          remoteLink: state.link,
          checkedAt,
        }
    const published = await this.publishMissed(checked, client)
    // The story first, then the outbox: the editor reads the outbox to learn that a post went live
    // and asks for the story once, so it must find the story published by then (it found it
    // approved, and stayed so, when the outbox said live first). A crash between the two confirms
    // again on the next look, which finds the story published and leaves it.
    if (isLive(published) && !isLive(item)) await this.confirm(published, client)
    await this.store.put(published)
    return published
  }

  /**
   * A scheduled post still waiting after its time: WordPress publishes from WP-Cron, which runs only
   * when someone visits the site, so a quiet site misses its schedule. Copydesk publishes it then,
   * and says so in the story's audit trail.
   */
  private async publishMissed(item: OutboxItem, client: CmsClient): Promise<OutboxItem> {
    const at = item.scheduledFor ? Date.parse(item.scheduledFor) : null
    if (item.remoteStatus !== 'future' || at === null || !client.publish || !item.remoteId)
      return item
    if (this.clock.now().getTime() < at) return item
    const remoteStatus = await client.publish(item.remoteId)
    const { article } = await this.exports.document(item.articleId, 'copydesk')
    await this.workflow.record(article, 'push', {
      note: `${client.name} had not published post ${item.remoteId} at its time (${item.scheduledFor ?? ''}, missed schedule): Copydesk published it (${remoteStatus}).`,
    })
    return { ...item, remoteStatus, checkedAt: isoNow(this.clock) }
  }

  /**
   * A live delivery publishes the story (and its waiting correction note) when the story is still
   * the version that was sent; a later approval waits for its own push.
   */
  async confirm(item: OutboxItem, client: CmsClient): Promise<void> {
    const { article } = await this.exports.document(item.articleId, 'copydesk')
    if (article.status !== 'approved' || contentKeyOf(article, client) !== item.contentKey) return
    await this.workflow.record(article, 'push', {
      note: `${client.name} post ${item.remoteId ?? ''} is live`,
    })
    await this.workflow.confirmPublished(article.id, { by: item.by, cms: client.name })
  }
}
