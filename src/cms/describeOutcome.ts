import { formatDeskTime } from '../shared/domain/deskTime'
import { isLive, outboxStateLabel, type OutboxItem } from '../shared/domain/OutboxItem'

/** An outbox item's state in a sentence for the desk; a time in the desk's zone (IANA). */
export function describeOutcome(item: OutboxItem, cms: string, timeZone = 'UTC'): string {
  const post = item.remoteId ? ` (id ${item.remoteId})` : ''
  switch (item.state) {
    case 'queued':
      if (item.scheduledFor && item.nextAttemptAt === item.scheduledFor)
        return `Held in the outbox until ${formatDeskTime(item.scheduledFor, timeZone)}, the story's time: ${cms} gets it then.`
      return `Queued for ${cms}.`
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
      if (item.remoteStatus === 'unowned')
        return `${cms} post ${item.remoteId ?? ''} no longer carries this story's mark: Copydesk stopped watching it and will not publish the story from it.`
      const id = item.remoteId ? `, id ${item.remoteId}` : ''
      return `${outboxStateLabel(item)}${id}: the story stays approved until the post is published in ${cms}.${notes}`
    }
  }
}
