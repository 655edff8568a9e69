import { describeClockSkew, type SyncStatus } from '../../../../shared/domain/SyncStatus'
import type { SyncIconKind } from './SyncIcon'

/** The indicator's tone: quiet when all is well, blue while working, amber offline, red when stuck. */
export type SyncTone = 'quiet' | 'info' | 'warn' | 'bad'

/** How the indicator looks in a state (its words come from describeSyncStatus). */
export function syncLook(status: SyncStatus): { tone: SyncTone; icon: SyncIconKind } {
  // A full disk refuses saves: the one state that can cost typing, so it outranks the connection.
  if (status.diskFull) return { tone: 'bad', icon: 'alert' }
  const look = connectionLook(status)
  // A clock hours off does not stop sync; it is said, in amber, only when nothing else is.
  if (look.tone === 'quiet' && describeClockSkew(status.clockSkewMs))
    return { tone: 'warn', icon: 'clock' }
  return look
}

function connectionLook(status: SyncStatus): { tone: SyncTone; icon: SyncIconKind } {
  switch (status.connection) {
    case 'signed-out':
      return { tone: 'bad', icon: 'locked' }
    case 'offline':
      return { tone: 'warn', icon: 'offline' }
    case 'connecting':
      return { tone: 'info', icon: 'connecting' }
    case 'online':
      if (status.refused) return { tone: 'bad', icon: 'alert' }
      // Held back by a colleague's edit lease: nothing is wrong, it goes in when they are done.
      if (status.leaseWaits?.length) return { tone: 'info', icon: 'clock' }
      if (!status.firstSync.finished) return { tone: 'info', icon: 'downloading' }
      if (status.queueDamaged) return { tone: 'warn', icon: 'alert' }
      return status.pending ? { tone: 'info', icon: 'syncing' } : { tone: 'quiet', icon: 'online' }
  }
}
