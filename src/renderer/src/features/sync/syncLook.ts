import type { SyncStatus } from '../../../../shared/domain/SyncStatus'
import type { SyncIconKind } from './SyncIcon'

/** The indicator's tone: quiet when all is well, blue while working, amber offline, red when stuck. */
export type SyncTone = 'quiet' | 'info' | 'warn' | 'bad'

/** How the indicator looks in a state (its words come from describeSyncStatus). */
export function syncLook(status: SyncStatus): { tone: SyncTone; icon: SyncIconKind } {
  switch (status.connection) {
    case 'signed-out':
      return { tone: 'bad', icon: 'locked' }
    case 'offline':
      return { tone: 'warn', icon: 'offline' }
    case 'connecting':
      return { tone: 'info', icon: 'connecting' }
    case 'online':
      if (status.refused) return { tone: 'bad', icon: 'alert' }
      if (!status.firstSync.finished) return { tone: 'info', icon: 'downloading' }
      if (status.queueDamaged) return { tone: 'warn', icon: 'alert' }
      return status.pending ? { tone: 'info', icon: 'syncing' } : { tone: 'quiet', icon: 'online' }
  }
}
