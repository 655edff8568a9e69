import type { InboxItem } from '../../../../shared/domain/SyncSnapshot'

export const INBOX_KIND_LABELS: Record<InboxItem['kind'], string> = {
  note: 'Note',
  'sent-back': 'Sent back',
  approved: 'Approved',
  published: 'Published',
}

const VERBS: Record<InboxItem['kind'], string> = {
  note: 'Note from',
  'sent-back': 'Sent back by',
  approved: 'Approved by',
  published: 'Published by',
}

/** "Sent back by Ben Chief at 14:05: Cut the second paragraph": what the desk did, in one line. */
export function inboxWords(item: InboxItem, time: (iso: string) => string): string {
  const head = `${VERBS[item.kind]} ${item.by} at ${time(item.at)}`
  return item.body ? `${head}: ${item.body}` : head
}
