import { createContext, useContext } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import type { SyncSnapshot } from '../../../../shared/domain/SyncSnapshot'

/** What a window knows about the desk it joined, and what it can do about it. */
export type Sync = {
  /** Null until main first answers, and always on a host without sync. */
  snapshot: SyncSnapshot | null
  markInboxRead: (ids: string[]) => Promise<void>
  /** Keep mine or Take theirs on a sync conflict: the story as it is after the choice. */
  resolveConflict: (storyId: string, keep: 'mine' | 'theirs') => Promise<Article>
  dismissRefusal: () => Promise<void>
}

const refused = () => Promise.reject(new Error('This workstation has not joined a desk.'))

export const SyncContext = createContext<Sync>({
  snapshot: null,
  markInboxRead: () => Promise.resolve(),
  resolveConflict: refused,
  dismissRefusal: () => Promise.resolve(),
})

/** The window's sync state (a standalone workstation: no snapshot, nothing to do). */
export function useSync(): Sync {
  return useContext(SyncContext)
}
