import type { Article } from '../../shared/domain/Article'
import type { Clock } from '../../shared/domain/Clock'
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from '../../shared/domain/DeskSettings'
import { workflowRole } from '../../shared/desk/AccountRole'
import type {
  AddedNote,
  AddNoteInput,
  KeptCopy,
  KeptCopySummary,
  ListStoriesInput,
  LiveLease,
  SaveStoryInput,
  StoryAuditEntry,
  StoryLease,
  StoryNote,
  StoriesOutput,
  StoryPage,
  StoryRevision,
  StoryView,
  TransitionStoryInput,
  WrittenStory,
} from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { Db, DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { addNoteIn } from './addNote'
import { findKeptCopies, findKeptCopy } from './keptCopies'
import { saveInOneCall } from './saveInOneCall'
import { saveStoryIn } from './saveStory'
import { transitionIn } from './transitionStory'
import { confirmPushedPublicationIn, type PushedPublication } from './confirmPushedPublication'
import { listStoryPage, listAudit, listNotes } from './storyLists'
import { presentDocument, storedDocument, storyView } from './storyDocument'
import { storyNotFound } from './storyErrors'
import * as leases from './storyLeases'
import {
  currentRevisionOf,
  loadArticle,
  callerAccount,
  loadLiveLease,
  loadRevision,
  person,
} from './storyRows'

export type StoryServiceOptions = {
  /** How long a lease lasts without a renewal (a workstation renews while its editor is open). */
  leaseSeconds?: number
  /** The four-eyes rule: the account that created a story cannot approve it. */
  fourEyes?: boolean
}

/** What export and publishing send out: exactly the approved revision, never a later save. */
export type ApprovedDocument = {
  document: Article
  revision: number
  approvedBy: { accountId: string; name: string }
  approvedAt: string
}

/**
 * The desk's authoritative workflow over PostgreSQL: stories and their revisions, conflicts on a
 * stale base, transitions under the shared table with the caller's role and account id from the
 * database, the approval bound to one revision, notes, the audit trail and edit leases. Every
 * writing transaction ends with record_change, so the change feed hears of it.
 */
export class StoryService {
  private readonly leaseMs: number
  private readonly settings: DeskSettings

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    options: StoryServiceOptions = {},
  ) {
    this.leaseMs = (options.leaseSeconds ?? 120) * 1000
    this.settings = { ...DEFAULT_DESK_SETTINGS, fourEyes: options.fourEyes ?? true }
  }

  /** The desk's stories in id order, a page at a time, with the feed number to follow from. */
  listStories(principal: Principal, input: ListStoriesInput): Promise<StoryPage> {
    return listStoryPage(this.db, principal, input, this.now())
  }

  async getStory(principal: Principal, id: string): Promise<StoryView> {
    return this.viewOf(this.db, principal, id)
  }

  /** The stories of `ids` as they are now, in that order; the ids the desk does not have apart. */
  async getStories(principal: Principal, ids: readonly string[]): Promise<StoriesOutput> {
    const stories: StoryView[] = []
    const missing: string[] = []
    for (const id of new Set(ids)) {
      const row = await loadArticle(this.db, id)
      if (row === null) {
        missing.push(id)
        continue
      }
      const current = await currentRevisionOf(this.db, row)
      const lease = await loadLiveLease(this.db, id, this.now())
      stories.push(storyView(row, current, lease, principal.deviceId))
    }
    return { stories, missing }
  }

  async getRevision(principal: Principal, id: string, number: number): Promise<StoryRevision> {
    const revision = await loadRevision(this.db, id, number)
    if (revision === null) {
      if ((await loadArticle(this.db, id)) === null) throw storyNotFound(id)
      throw storyNotFound(id, number)
    }
    return {
      document: storedDocument(revision.document),
      revision: revision.number,
      baseRevision: revision.base_revision,
      savedBy: person(revision.saved_by, revision.saved_by_name),
      savedAt: revision.saved_at.toISOString(),
    }
  }

  /**
   * Stores the workstation's document as the next revision, or answers why not: a stale base or an
   * id already on the desk (CONFLICT with the desk's version), a story not editable or leased by
   * another device (REFUSED). A device whose lease was taken over gets its save kept as a copy. A
   * save sent again under its `saveId` answers what the first attempt did and writes nothing.
   */
  async saveStory(principal: Principal, input: SaveStoryInput): Promise<WrittenStory> {
    const context = { now: this.now(), leaseExpiresAt: this.leaseExpiry() }
    // The ordinary save in one round trip; anything else (refusals, conflicts, replays, kept copies,
    // new stories) through the transaction below, which answers it as it always has.
    const saved = await saveInOneCall(this.db, principal, input, context)
    if (saved !== null) return saved
    const outcome = await this.db.transaction((tx) => saveStoryIn(tx, principal, input, context))
    if (outcome.kind === 'kept') throw outcome.error
    return outcome.view
  }

  /**
   * Takes a workflow action on the named revision (a stale one is a CONFLICT), as the shared table
   * allows the caller's role, with the four-eyes rule on account ids and the checks on that revision.
   */
  async transition(principal: Principal, input: TransitionStoryInput): Promise<WrittenStory> {
    const now = this.now()
    return this.db.transaction(async (tx) =>
      transitionIn(tx, principal, input, {
        now,
        checkedAt: this.clock.now(),
        settings: this.settings,
        view: () => this.viewOf(tx, principal, input.id),
      }),
    )
  }

  /**
   * The outbox's word that a CMS has the pushed revision live: the story becomes published (or
   * corrected) when it is still approved on that revision, audited as the account that pushed it, with
   * the CMS's answer. Not a caller's action, so no caller's role is checked (see
   * confirmPushedPublication); REFUSED when the story moved on.
   */
  async confirmPushedPublication(input: PushedPublication): Promise<void> {
    const now = this.now()
    await this.db.transaction((tx) => confirmPushedPublicationIn(tx, input, now))
  }

  /** A note on the story (see addNoteIn): sent again under its `noteId`, nothing is added. */
  async addNote(principal: Principal, input: AddNoteInput): Promise<AddedNote> {
    const now = this.now()
    return this.db.transaction((tx) => addNoteIn(tx, principal, input, now))
  }

  async listNotes(principal: Principal, id: string): Promise<StoryNote[]> {
    await this.mustExist(id)
    return listNotes(this.db, id)
  }

  async getAudit(principal: Principal, id: string): Promise<StoryAuditEntry[]> {
    await this.mustExist(id)
    return listAudit(this.db, id)
  }

  acquireLease(principal: Principal, id: string): Promise<StoryLease> {
    return this.withLockedStory(id, async (tx, times) =>
      leases.takeLease(tx, principal, id, times, await loadLiveLease(tx, id, times.now)),
    )
  }

  renewLease(principal: Principal, id: string): Promise<StoryLease> {
    return this.withLockedStory(id, (tx, times) => leases.renewLease(tx, principal, id, times))
  }

  async releaseLease(principal: Principal, id: string): Promise<boolean> {
    return this.withLockedStory(id, (tx) => leases.releaseLease(tx, principal, id))
  }

  /** The desk's live leases, for a workstation's list: "Editing: Asha since 14:02". */
  listLeases(principal: Principal): Promise<LiveLease[]> {
    return leases.listLiveLeases(this.db, principal, this.now())
  }

  /** A desk chief (or admin) takes the lease from its holder, with a note the holder is shown. */
  async takeOverLease(principal: Principal, id: string, note: string): Promise<StoryLease> {
    if (!note.trim()) {
      const problem = 'Say why you take the story over: its holder is shown the note.'
      throw new DeskError('INVALID_INPUT', problem, { problems: [problem] })
    }
    return this.withLockedStory(id, async (tx, times) => {
      const caller = await callerAccount(tx, principal)
      if (workflowRole(caller.role) !== 'desk-chief')
        throw new DeskError('FORBIDDEN', 'Only a desk chief can take a story over.', {})
      return leases.takeOverLease(tx, principal, id, note.trim(), times)
    })
  }

  /** Copies kept from saves made after a take-over: all of them for the desk, a writer's own for a writer. */
  async listKeptCopies(principal: Principal, id: string): Promise<KeptCopySummary[]> {
    await this.mustExist(id)
    return findKeptCopies(this.db, id, this.keptCopyOwnerFilter(principal))
  }

  async getKeptCopy(principal: Principal, id: string, copyId: string): Promise<KeptCopy> {
    await this.mustExist(id)
    const copy = await findKeptCopy(this.db, id, this.keptCopyOwnerFilter(principal), copyId)
    if (copy === null)
      throw new DeskError('NOT_FOUND', `Story ${id} has no kept copy ${copyId} for you.`, { id })
    return copy
  }

  /**
   * The document of the approved revision, with the workflow as it is now: what export and publishing
   * send. Refused when the story has no approval (never approved, or reopened since).
   */
  async approvedDocument(id: string): Promise<ApprovedDocument> {
    const row = await loadArticle(this.db, id)
    if (row === null) throw storyNotFound(id)
    if (row.approved_revision === null || row.approved_by === null || row.approved_at === null)
      throw new DeskError('REFUSED', 'This story has no approved revision: approve it first.', {
        reason: 'workflow',
        status: row.status,
      })
    const revision = await loadRevision(this.db, id, row.approved_revision)
    if (revision === null) throw storyNotFound(id, row.approved_revision)
    return {
      document: presentDocument(row, revision),
      revision: revision.number,
      approvedBy: person(row.approved_by, row.approved_by_name ?? ''),
      approvedAt: row.approved_at.toISOString(),
    }
  }

  private async viewOf(q: DbQueries, principal: Principal, id: string): Promise<StoryView> {
    const row = await loadArticle(q, id)
    if (row === null) throw storyNotFound(id)
    const current = await currentRevisionOf(q, row)
    return storyView(row, current, await loadLiveLease(q, id, this.now()), principal.deviceId)
  }

  private withLockedStory<T>(
    id: string,
    work: (tx: DbQueries, times: leases.LeaseTimes) => Promise<T>,
  ): Promise<T> {
    const times = { now: this.now(), expiresAt: this.leaseExpiry() }
    return this.db.transaction(async (tx) => {
      if ((await loadArticle(tx, id, true)) === null) throw storyNotFound(id)
      return work(tx, times)
    })
  }

  private keptCopyOwnerFilter(principal: Principal): string | null {
    return workflowRole(principal.role) === 'desk-chief' ? null : principal.accountId
  }

  private async mustExist(id: string): Promise<void> {
    if ((await loadArticle(this.db, id)) === null) throw storyNotFound(id)
  }

  private now(): string {
    return this.clock.now().toISOString()
  }

  private leaseExpiry(): string {
    return new Date(this.clock.now().getTime() + this.leaseMs).toISOString()
  }
}
