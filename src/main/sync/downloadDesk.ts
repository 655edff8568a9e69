import type { DeskClient } from '../../shared/desk/createDeskClient'
import type { FirstSyncProgress } from '../../shared/domain/SyncStatus'
import type { LocalCopy } from './LocalCopy'
import type { SyncCursor } from './SyncCursor'
import type { SyncQueue } from './SyncQueue'

/** The desk's list at its largest page: counting 10,000 stories takes 20 requests. */
const COUNT_PAGE = 500

export type DownloadDeskOptions = {
  client: DeskClient
  cursor: SyncCursor
  queue: SyncQueue
  localCopy: LocalCopy
  pageSize: number
  signal: AbortSignal
  /** Each story done: n of m (m counted at the start, so it grows if the desk does meanwhile). */
  progress: (progress: FirstSyncProgress) => void
}

/**
 * A workstation's first sync: the desk's stories, page by page in id order, each taken into the
 * local store (a story the workstation already has at that revision is skipped). The cursor
 * records each page once it is applied, so a restart continues after the last one; at the end the
 * feed cursor is set to where the desk stood when the first page was read.
 */
export async function downloadDesk(options: DownloadDeskOptions): Promise<void> {
  const { client, cursor, queue, localCopy, signal } = options
  let state = cursor.firstSync
  let total = state.done + (await countAfter(client, state.after, signal))
  while (!state.finished) {
    const page = await client.listStories(
      { after: state.after ?? undefined, limit: options.pageSize },
      { signal },
    )
    const seq = state.seq ?? page.seq
    let done = state.done
    for (const summary of page.stories) {
      signal.throwIfAborted()
      const known = queue.track(summary.id)?.serverRevision ?? null
      if (known === null || known < summary.currentRevision)
        await localCopy.applyRemote(await client.getStory({ id: summary.id }, { signal }))
      done += 1
      total = Math.max(total, done)
      options.progress({ done, total, finished: false })
    }
    state = {
      after: page.stories.at(-1)?.id ?? state.after,
      seq,
      done,
      finished: page.next === null,
    }
    await cursor.saveFirstSync(state, state.finished ? seq : undefined)
  }
  options.progress({ done: state.done, total: state.done, finished: true })
}

async function countAfter(
  client: DeskClient,
  after: string | null,
  signal: AbortSignal,
): Promise<number> {
  let count = 0
  for (let from = after; ;) {
    const page = await client.listStories(
      { after: from ?? undefined, limit: COUNT_PAGE },
      { signal },
    )
    count += page.stories.length
    if (page.next === null) return count
    from = page.next
  }
}
