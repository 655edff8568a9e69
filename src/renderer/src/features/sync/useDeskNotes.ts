import { useEffect, useState } from 'react'
import { useSync } from './SyncContext'

/** The story's messages seen in this editor, and those the writer dismissed. */
type Kept = { storyId: string; ids: string[]; dismissed: string[] }

/**
 * The desk's unread messages about the story open in the editor. Shown, they count as read (the
 * inbox's number drops), but the banner keeps them until the writer dismisses it or leaves the story.
 */
export function useDeskNotes(storyId: string, showing: boolean) {
  const { snapshot, markInboxRead } = useSync()
  const inbox = snapshot?.inbox ?? []
  const unread = inbox.filter((item) => item.storyId === storyId && !item.read)
  const [kept, setKept] = useState<Kept>({ storyId, ids: [], dismissed: [] })
  const known = kept.storyId === storyId ? kept : { storyId, ids: [], dismissed: [] }
  const fresh = showing ? unread.filter((item) => !known.ids.includes(item.id)) : []
  // Adjusted while rendering (not in an effect), as React advises for state that follows props.
  if (known !== kept || fresh.length > 0)
    setKept({
      storyId,
      ids: [...known.ids, ...fresh.map((item) => item.id)],
      dismissed: known.dismissed,
    })

  const unreadIds = showing ? unread.map((item) => item.id).join(' ') : ''
  useEffect(() => {
    if (!unreadIds) return
    markInboxRead(unreadIds.split(' ')).catch((error: unknown) =>
      console.warn('Copydesk: the inbox was not marked read', error),
    )
  }, [unreadIds, markInboxRead])

  return {
    items: inbox.filter(
      (item) => known.ids.includes(item.id) && !known.dismissed.includes(item.id),
    ),
    dismiss: () => setKept((was) => ({ ...was, dismissed: was.ids })),
  }
}
