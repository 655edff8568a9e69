import type { ListChangesOutput } from '../../shared/desk/calls/deskFeedCalls'
import type { DeskClient } from '../../shared/desk/createDeskClient'
import { DeskError } from '../../shared/desk/DeskError'
import { AppError } from '../../shared/ipc/AppError'
import type { z } from 'zod'
import type { LocalCopy } from './LocalCopy'
import type { SyncCursor } from './SyncCursor'
import type { SyncQueue } from './SyncQueue'

type FeedPage = z.infer<typeof ListChangesOutput>

/** Kinds of feed change after which the story itself may differ from the local copy. */
const STORY_CHANGES = new Set(['story_saved', 'story_transitioned'])

export type FollowDeskOptions = {
  client: DeskClient
  cursor: SyncCursor
  queue: SyncQueue
  localCopy: LocalCopy
  signal: AbortSignal
  /** Each page heard: the desk is reachable. */
  heard: () => void
  /**
   * A change to one story could not be applied and trying again would not help (the local store
   * refused it): it is reported here and the feed goes on, rather than stalling on it forever.
   */
  skipped?: (storyId: string, error: unknown) => void
}

/**
 * Follows the desk's change feed from the durable cursor until the desk ends the stream: each page
 * is applied to the local store, then the cursor moves past it. A page that cannot be applied ends
 * the stream with its error (the caller follows again from the cursor, so nothing is skipped).
 */
export async function followDesk(options: FollowDeskOptions): Promise<void> {
  const { client, cursor, signal } = options
  const stream = new AbortController()
  const both = AbortSignal.any([signal, stream.signal])
  let applying: Promise<void> = Promise.resolve()
  let failed: unknown = null
  await client
    .followChanges(
      { since: cursor.seq },
      {
        signal: both,
        onEvent: (page) => {
          options.heard()
          applying = applying
            .then(() => (failed === null ? applyPage(options, page) : undefined))
            .catch((error: unknown) => {
              failed = error
              stream.abort(error)
            })
        },
      },
    )
    .catch((error: unknown) => {
      if (failed === null) throw error
    })
  await applying
  if (failed !== null) throw failed
}

async function applyPage(options: FollowDeskOptions, page: FeedPage): Promise<void> {
  const { queue, client, localCopy, cursor } = options
  const ids = new Set<string>()
  const noted = new Set<string>()
  for (const change of page.changes) {
    if (change.articleId !== null && change.kind === 'note_added') noted.add(change.articleId)
    if (change.articleId === null || !STORY_CHANGES.has(change.kind)) continue
    const known = queue.track(change.articleId)?.serverRevision ?? null
    // Our own save coming back, or one the first sync already brought.
    const seen = known !== null && change.revision !== null && known >= change.revision
    if (change.kind === 'story_saved' && seen) continue
    ids.add(change.articleId)
  }
  for (const id of noted)
    await isolated(options, id, async () => {
      const notes = await client.listNotes({ id }).catch(absent)
      if (notes) await localCopy.applyNotes(id, notes.notes)
    })
  for (const id of ids)
    await isolated(options, id, async () => {
      const story = await client.getStory({ id }).catch(absent)
      if (story) await localCopy.applyRemote(story)
    })
  if (page.next > cursor.seq) await cursor.saveSeq(page.next)
}

/**
 * Applies one story's change; a failure that another try could mend (the desk, the network, the
 * disk) ends the page so it is tried again from the cursor; any other is reported and skipped.
 */
async function isolated(
  options: FollowDeskOptions,
  storyId: string,
  apply: () => Promise<void>,
): Promise<void> {
  try {
    await apply()
  } catch (error) {
    if (options.signal.aborted || worthRetrying(error) || options.skipped === undefined) throw error
    options.skipped(storyId, error)
  }
}

const DISK_TROUBLE = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EMFILE', 'ENFILE', 'EBUSY', 'EAGAIN'])

function worthRetrying(error: unknown): boolean {
  if (error instanceof DeskError) return true
  if (error instanceof AppError) return error.code === 'IO' || error.code === 'DATA_DIR_LOCKED'
  const code = error instanceof Error && 'code' in error ? String(error.code) : ''
  return DISK_TROUBLE.has(code) || (error instanceof Error && error.name === 'AbortError')
}

/** A story the desk no longer has (or never had): nothing to apply. */
function absent(error: unknown): null {
  if (error instanceof DeskError && error.code === 'NOT_FOUND') return null
  throw error
}
