import { useMemo } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import type { SyncSnapshot } from '../../../../shared/domain/SyncSnapshot'
import type { Sync } from './SyncContext'
import { useSyncSnapshot, type WatchSync } from './useSyncSnapshot'

/** Main's sync calls, as the window uses them. */
export type SyncCalls = {
  watch: WatchSync
  markInboxRead: (ids: string[]) => Promise<SyncSnapshot>
  resolveConflict: (storyId: string, keep: 'mine' | 'theirs') => Promise<Article>
  dismissRefusal: () => Promise<SyncSnapshot>
}

/** The window's sync state for SyncContext: the snapshot it follows, and the actions on it. */
export function useSyncState(calls: SyncCalls): Sync {
  const { snapshot, accept } = useSyncSnapshot(calls.watch)
  return useMemo(
    () => ({
      snapshot,
      markInboxRead: async (ids) => {
        if (ids.length > 0) accept(await calls.markInboxRead(ids))
      },
      resolveConflict: (storyId, keep) => calls.resolveConflict(storyId, keep),
      dismissRefusal: async () => accept(await calls.dismissRefusal()),
    }),
    [snapshot, accept, calls],
  )
}
