import type { CmsClient } from '../../cms/CmsClient'
import { isLive } from '../../shared/domain/OutboxItem'
import type { DeskPushOutcome } from '../../shared/desk/calls/deskOutboxCalls'
import { confirmPublication } from './confirmPublication'
import type { OutboxContext } from './OutboxContext'
import { itemOf, type OutboxRow } from './outboxRows'
import type { ServerPostWatcher } from './ServerPostWatcher'

/**
 * The CMS already has this version: say so and send nothing. A WordPress post is looked at first:
 * one that is gone, trashed or no longer this story's is not "had", and the push goes ahead. A
 * post found live publishes a story still approved and never published.
 */
export async function alreadyDelivered(
  context: OutboxContext,
  watcher: ServerPostWatcher,
  delivered: OutboxRow,
  client: CmsClient,
  actorId: string,
): Promise<DeskPushOutcome | null> {
  let row = delivered
  let unread: string | null = null
  if (client.check && row.remote_id !== null) {
    try {
      row = await watcher.checkNow(row, client)
    } catch (error) {
      unread = context.messageOf(error)
    }
    if (['gone', 'trash', 'unowned'].includes(row.remote_status ?? '')) return null
  }
  const item = itemOf(row)
  // A story still approved on this very version follows the CMS (confirm checks which).
  if (unread === null && isLive(item)) await confirmPublication(context, row, client, actorId)
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
