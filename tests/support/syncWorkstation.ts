import { MediaStore } from '../../src/main/media/MediaStore'
import { WRITABLE } from '../../src/main/store/DataDirAccess'
import { HistoryRepository } from '../../src/main/store/HistoryRepository'
import { LowdbArticleRepository } from '../../src/main/store/LowdbArticleRepository'
import type { SyncConflict } from '../../src/main/sync/SyncConflict'
import { openSync } from '../../src/main/sync/openSync'
import type { LeaseTimer } from '../../src/main/sync/LeaseKeeper'
import type { DeskClient } from '../../src/shared/desk/createDeskClient'
import { systemClock, type Clock } from '../../src/shared/domain/Clock'
import type { SyncStatus } from '../../src/shared/domain/SyncStatus'

/**
 * A joined workstation over a real data folder, as the app would open it: the local store, its
 * history and the sync engine (not started). Open it again on the same folder to "restart" it.
 */
export async function openSyncWorkstation(
  dataDir: string,
  client: DeskClient,
  options: {
    pageSize?: number
    retryMs?: number
    onStatus?: (status: SyncStatus) => void
    onLeaseChanged?: (storyId: string) => void
    clock?: Clock
    leaseTimer?: LeaseTimer
  } = {},
) {
  const local = await LowdbArticleRepository.open(dataDir, { purpose: 'test' })
  const history = new HistoryRepository(dataDir, local.quarantine)
  const clock = options.clock ?? systemClock
  const media = await MediaStore.open({
    dataDir,
    quarantine: local.quarantine,
    access: WRITABLE,
    clock,
  })
  const statuses: SyncStatus[] = []
  const conflicts: SyncConflict[] = []
  const sync = await openSync({
    dataDir,
    client,
    local,
    history,
    quarantine: local.quarantine,
    clock,
    who: 'This workstation',
    media,
    pageSize: options.pageSize,
    retry: { firstMs: options.retryMs ?? 20, maxMs: options.retryMs ?? 200 },
    onStatus: (status) => {
      statuses.push(status)
      options.onStatus?.(status)
    },
    onConflict: (conflict) => conflicts.push(conflict),
    ...(options.onLeaseChanged ? { onLeaseChanged: options.onLeaseChanged } : {}),
    ...(options.leaseTimer ? { leaseTimer: options.leaseTimer } : {}),
  })
  return {
    ...sync,
    local,
    history,
    media,
    statuses,
    conflicts,
    async close() {
      await sync.engine.stop()
      await sync.pictures?.close()
      await sync.queue.close()
      await local.close()
    },
  }
}

export type SyncWorkstation = Awaited<ReturnType<typeof openSyncWorkstation>>

/** Waits for what the sync does in the background (the test's own timeout bounds it). */
export async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 10))
}
