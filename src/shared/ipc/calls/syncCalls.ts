import { z } from 'zod'
import { Article, ArticleId } from '../../domain/Article'
import { SyncSnapshot } from '../../domain/SyncSnapshot'
import type { CallGroup } from '../CallDeclaration'
import { NoInput } from './articleCalls'
import { NotFoundDetails, ReadOnlyDetails } from './commonErrors'

/** The longest a window's long poll waits for a change before it asks again. */
export const WATCH_SYNC_MAX_WAIT_MS = 25_000

export const WatchSyncInput = z.strictObject({
  /** The last snapshot version this window saw (0 for none). */
  after: z.number().int().min(0),
  /** How long to wait for a newer snapshot before answering with the current one. */
  waitMs: z.number().int().min(0).max(WATCH_SYNC_MAX_WAIT_MS).default(0),
})
export type WatchSyncInput = z.input<typeof WatchSyncInput>

export const ResolveSyncConflictInput = z.strictObject({
  storyId: ArticleId,
  /** `mine`: the kept local text becomes the story again (a new save); `theirs`: the desk's stays. */
  keep: z.enum(['mine', 'theirs']),
})
export type ResolveSyncConflictInput = z.infer<typeof ResolveSyncConflictInput>

/** Why a sync call was refused: a read-only folder, or a conflict this workstation no longer has. */
const SyncRefused = z.union([ReadOnlyDetails, z.object({ reason: z.string() })])

/** A window follows the desk: the connection, conflicts to settle, and the writer's inbox. */
export const syncCalls = {
  /**
   * The sync snapshot, answered at once when its version is newer than `after`, else after up to
   * `waitMs` for a change (a long poll: a window calls it in a loop with the last version it saw).
   */
  watchSync: { input: WatchSyncInput, output: SyncSnapshot, errors: {}, writes: false },
  /** Marks inbox items read (unknown ids are ignored: another window may have cleared them). */
  markInboxRead: {
    input: z.strictObject({ ids: z.array(z.string().min(1).max(200)).max(500) }),
    output: SyncSnapshot,
    errors: { REFUSED: ReadOnlyDetails },
    writes: true,
  },
  /** Settles a sync conflict: Keep mine or Take theirs; both texts stay in the story's history. */
  resolveSyncConflict: {
    input: ResolveSyncConflictInput,
    output: Article,
    errors: { NOT_FOUND: NotFoundDetails, REFUSED: SyncRefused },
    writes: true,
  },
  /** The person saw the desk's refusal: the indicator goes back to the connection's state. */
  dismissSyncRefusal: { input: NoInput, output: SyncSnapshot, errors: {}, writes: false },
} satisfies CallGroup
