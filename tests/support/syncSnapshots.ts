import type { SyncSnapshot } from '../../src/shared/domain/SyncSnapshot'
import type { SyncStatus } from '../../src/shared/domain/SyncStatus'

/** A joined workstation's status, online with nothing waiting, with `changes` on top. */
export function syncStatus(changes: Partial<SyncStatus> = {}): SyncStatus {
  return {
    connection: 'online',
    offlineSince: null,
    reason: null,
    pending: 0,
    refused: null,
    firstSync: { done: 0, total: 0, finished: true },
    queueDamaged: false,
    ...changes,
  }
}

/** A joined workstation's snapshot at `version`, with `changes` on top. */
export function syncSnapshot(version: number, changes: Partial<SyncSnapshot> = {}): SyncSnapshot {
  return {
    version,
    joined: true,
    status: syncStatus(),
    storiesVersion: 0,
    conflicts: [],
    inbox: [],
    ...changes,
  }
}

/**
 * Main's `watchSync` as the renderer sees it: answers at once when the snapshot's version is past
 * `after` (or when it may not wait), else holds the call until the snapshot changes. (The real one
 * also answers when `waitMs` runs out; a test never waits that long.)
 */
export function fakeSyncWatch(first: SyncSnapshot) {
  let current = first
  const waiting = new Set<() => void>()
  const calls: { after: number; waitMs: number }[] = []
  return {
    calls,
    watch: (after: number, waitMs: number) =>
      new Promise<SyncSnapshot>((resolve) => {
        calls.push({ after, waitMs })
        if (current.version > after || waitMs === 0) return resolve(current)
        const wake = () => {
          waiting.delete(wake)
          resolve(current)
        }
        waiting.add(wake)
      }),
    /** Changes the snapshot (its version grows) and wakes every waiting call. */
    change: (changes: Partial<SyncSnapshot>) => {
      current = { ...current, ...changes, version: current.version + 1 }
      for (const wake of [...waiting]) wake()
    },
  }
}
