import { api } from '../../api'
import type { SyncCalls } from './useSyncState'

/** The sync calls through the window's api (main's `syncCalls`). */
export const apiSyncCalls: SyncCalls = {
  watch: (after, waitMs) => api.watchSync({ after, waitMs }),
  markInboxRead: (ids) => api.markInboxRead({ ids }),
  resolveConflict: (storyId, keep) => api.resolveSyncConflict({ storyId, keep }),
  dismissRefusal: () => api.dismissSyncRefusal({}),
}
