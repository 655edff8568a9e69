import type { CurrentVersion, StoryNote, StoryView } from '../../shared/desk/calls/deskStoryCalls'
import type { Article } from '../../shared/domain/Article'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import { AppError } from '../../shared/ipc/AppError'
import type { ArticleRepository } from '../store/ArticleRepository'
import type { HistoryStore } from '../store/HistoryStore'
import type { KeyedQueue } from '../store/KeyedQueue'
import { sameText } from './sameText'
import type { SyncConflict } from './SyncConflict'
import type { SaveEntry, SyncQueue } from './SyncQueue'

/** The local history keeps notes up to this length (the desk takes longer ones). */
const EDITORIAL_NOTE_MAX = 5000

export type LocalCopyOptions = {
  local: ArticleRepository
  history: HistoryStore
  queue: SyncQueue
  stories: KeyedQueue
  clock: Clock
  /** Who keeps a conflict copy, in the history's words (the account's name). */
  who: string
  /** The desk's version of a story was written to the local store (`before`: the local copy, if any). */
  onApplied?: ((before: Article | null, view: StoryView) => void) | undefined
  /** Notes from the desk were added to a story's local history. */
  onNotes?: ((storyId: string, notes: readonly StoryNote[]) => void) | undefined
}

/**
 * What the sync engine does to the local store: take the desk's version of a story (never over
 * local changes the desk has not accepted), keep a local text the desk did not take as a version,
 * and queue local saves a crash kept from the queue. Every change runs in the story's turn, shared
 * with the local saves of SyncedArticleRepository.
 */
export class LocalCopy {
  constructor(private readonly options: LocalCopyOptions) {}

  /**
   * Takes the desk's version unless the story has local changes in the queue (then the story is
   * marked behind, and the engine takes the desk's version once they have gone); true if written.
   */
  applyRemote(view: StoryView): Promise<boolean> {
    const { queue, stories } = this.options
    const id = view.document.id
    return stories.run(id, async () => {
      const behind = queue.track(id)?.behind === true
      if (queue.pendingFor(id)) {
        if (!behind) await queue.setTrack(id, { behind: true })
        return false
      }
      const caughtUp = () => (behind ? queue.setTrack(id, { behind: false }) : undefined)
      const local = await this.find(id)
      const track = queue.track(id)
      const known = track?.serverRevision ?? null
      // A local revision below the one the queue covers: the queue took a save the store never
      // finished writing (a crash between the two), and the desk may have that text now.
      const whole = local !== null && local.revision >= (track?.localRevision ?? 0)
      if (
        local &&
        whole &&
        known !== null &&
        known >= view.revision &&
        local.status === view.status
      ) {
        await caughtUp()
        return false
      }
      const stored = await this.write(local, view.document).catch((error: unknown) => {
        // In this workstation's trash: its own choice, and no reason to stop following the desk.
        if (local === null && error instanceof AppError && error.code === 'CONFLICT') return null
        throw error
      })
      if (stored === null) {
        await caughtUp()
        return false
      }
      await queue.setTrack(id, {
        serverRevision: view.revision,
        localRevision: stored.revision,
        behind: false,
      })
      // Told only now: a desk chief acting on what the window shows acts on the revision recorded.
      this.options.onApplied?.(local, view)
      return true
    })
  }

  /** Resolves once what the story's turn is doing (a desk version being taken) is done. */
  settled(id: string): Promise<void> {
    return this.options.stories.run(id, async () => {})
  }

  /** Adds the desk's notes on a story the local history does not have yet (matched by id). */
  async applyNotes(storyId: string, notes: readonly StoryNote[]): Promise<number> {
    const { history } = this.options
    const have = new Set((await history.read(storyId)).notes.map((note) => note.id))
    const added: StoryNote[] = []
    for (const note of notes) {
      if (have.has(note.id)) continue
      await history.addNote(storyId, {
        id: note.id,
        at: note.createdAt,
        by: note.author.name,
        text: note.body.slice(0, EDITORIAL_NOTE_MAX),
      })
      added.push(note)
    }
    if (added.length > 0) this.options.onNotes?.(storyId, added)
    return added.length
  }

  /**
   * The desk did not take the story's local text (`entry` and any later saves): the desk's version
   * becomes the story, the local text is kept as a conflict-copy version. Null when the desk already
   * has exactly the local text (a save whose answer was lost, or a crash mid-apply): nothing to keep.
   */
  keepConflict(
    entry: SaveEntry,
    reason: SyncConflict['reason'],
    current: CurrentVersion | null,
    message: string,
  ): Promise<SyncConflict | null> {
    const { queue, stories, history, clock, who } = this.options
    const id = entry.storyId
    return stories.run(id, async () => {
      const local = await this.find(id)
      const mine = local ?? entry.document
      if (current && sameText(current.document, mine)) {
        await queue.dropSaves(id, {
          serverRevision: current.revision,
          localRevision: local?.revision ?? 0,
        })
        return null
      }
      const copy = await history.snapshot(
        id,
        {
          at: isoNow(clock),
          by: who,
          status: mine.status,
          reason: 'conflict-copy',
          note: current
            ? `Your version, kept when the desk had revision ${current.revision} by ${current.savedBy.name}`
            : `Your version, kept when the desk refused it: ${message}`,
          articleRevision: mine.revision,
        },
        mine,
      )
      if (current) {
        const stored = await this.write(local, current.document)
        await queue.dropSaves(id, {
          serverRevision: current.revision,
          localRevision: stored.revision,
        })
      } else await queue.complete(entry.id)
      return {
        storyId: id,
        copySeq: copy.seq,
        reason,
        theirs: current
          ? { revision: current.revision, savedBy: current.savedBy.name, savedAt: current.savedAt }
          : null,
        message,
      }
    })
  }

  /**
   * Queues the local stories whose newest revision the queue never saw: saved just before a crash,
   * or made before this workstation joined the desk. Returns how many.
   */
  async recover(): Promise<number> {
    const { local, queue } = this.options
    const unqueued: { document: Article; localRevision: number }[] = []
    for (const summary of await local.list()) {
      const track = queue.track(summary.id)
      // The queue took a save the store never wrote (a crash between the two): once the queue has
      // reached the desk, its version (that text) becomes the local one, so both say the same.
      if (track && summary.revision < track.localRevision && track.behind !== true)
        await queue.setTrack(summary.id, { behind: true })
      if (track && summary.revision <= track.localRevision) continue
      const article = await this.find(summary.id)
      if (article) unqueued.push({ document: article, localRevision: article.revision })
    }
    // One write for all: a standalone desk of thousands of stories joins in one fsync, not thousands.
    if (unqueued.length > 0) await queue.enqueueSaves(unqueued)
    return unqueued.length
  }

  private async write(local: Article | null, theirs: Article): Promise<Article> {
    if (local === null) return this.options.local.create(theirs)
    return this.options.local.update(local.id, local.revision, () => ({
      ...theirs,
      revision: local.revision + 1,
    }))
  }

  private async find(id: string): Promise<Article | null> {
    try {
      return await this.options.local.get(id)
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null
      throw error
    }
  }
}
