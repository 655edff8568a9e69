import type { DeskClient } from '../../shared/desk/createDeskClient'
import type { FirstSyncProgress } from '../../shared/domain/SyncStatus'
import type { LocalCopy } from './LocalCopy'
import type { SyncCursor } from './SyncCursor'
import type { SyncQueue } from './SyncQueue'

/** The desk's list at its largest page: counting 10,000 stories takes 20 requests. */
const COUNT_PAGE = 500

/**
 * Stories of a page written at once: the local fsyncs overlap (and the queue writes their places
 * together), where one at a time left the disk idle between them.
 */
const STORIES_AT_ONCE = 8

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
    const wanted = page.stories.filter((summary) => {
      const known = queue.track(summary.id)?.serverRevision ?? null
      return known === null || known < summary.currentRevision
    })
    // The page's stories in one request (a story removed meanwhile is simply not there).
    const views =
      wanted.length === 0
        ? []
        : (await client.getStories({ ids: wanted.map((s) => s.id) }, { signal })).stories
    await inTurns(views, STORIES_AT_ONCE, async (view) => {
      signal.throwIfAborted()
      await localCopy.applyRemote(view)
      done += 1
      total = Math.max(total, done)
      options.progress({ done, total, finished: false })
    })
    done += page.stories.length - views.length
    total = Math.max(total, done)
    // Stopped while the page's last stories were landing: the next start applies the page again
    // (what landed is skipped), so where a stop leaves the cursor does not depend on timing.
    signal.throwIfAborted()
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

/**
 * Runs `work` on every item, `width` at a time. After a failure no new item starts; the ones
 * running finish (nothing is left writing behind the caller), then the first failure is thrown.
 */
async function inTurns<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const failures: unknown[] = []
  const worker = async () => {
    while (failures.length === 0 && next < items.length) {
      const item = items[next++]
      if (item === undefined) continue
      try {
        await work(item)
      } catch (error) {
        failures.push(error)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker))
  if (failures.length > 0) throw failures[0]
}
