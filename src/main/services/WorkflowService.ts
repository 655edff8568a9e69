import { randomUUID } from 'node:crypto'
import { EditableFields, type Article, type ArticleSummary } from '../../shared/domain/Article'
import { checkArticle, passesChecks } from '../../shared/domain/checkArticle'
import { diffArticles, type ArticleDiff } from '../../shared/domain/diffArticles'
import type { AuditEntry, EditorialNote, RevisionMeta } from '../../shared/domain/History'
import type { Profile } from '../../shared/domain/Profile'
import { decideTransition, isEditable, type WorkflowAction } from '../../shared/domain/workflow'
import { AppError } from '../../shared/ipc/AppError'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { ArticleRepository } from '../store/ArticleRepository'
import type { HistoryStore } from '../store/HistoryStore'
import type { SettingsStore } from '../store/SettingsStore'
import { statusInSentence } from '../../shared/domain/statusLabel'
import { deskTimeZone } from '../../shared/domain/deskTime'
import {
  decideEmbargoChange,
  decideScheduleChange,
  embargoHold,
  embargoNote,
} from '../../shared/domain/publicationTime'

/**
 * A joined desk's part in the workflow (the sync engine): notes and transitions go to the desk,
 * a submit through the sync queue (it works offline), every other action to the desk at once.
 */
export type DeskWorkflow = {
  addNote: (storyId: string, text: string, by: string) => Promise<void>
  /** `queued`: the desk has it in the queue; else the desk took it and the local store has its version. */
  transition: (
    storyId: string,
    action: WorkflowAction,
    note: string,
  ) => Promise<{ queued: boolean }>
  /** Writes the story in the local store only: the queued transition carries the change to the desk. */
  updateLocally: ArticleRepository['update']
  /** What the editor is told of a queued submit: "will reach the desk when online", or on its way. */
  queuedMessage: () => string
}

export type WorkflowEnv = {
  clock: Clock
  profile: () => Profile | null
  /** The desk this workstation joined, while it is joined. */
  desk?: () => DeskWorkflow | null
}

/** The desk's workflow over the store: transitions under the shared table, revisions, notes and the audit trail. */
export class WorkflowService {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly history: HistoryStore,
    private readonly settings: SettingsStore,
    private readonly env: WorkflowEnv,
  ) {}

  async transition(input: {
    id: string
    action: WorkflowAction
    note?: string | undefined
    /** Approve "for a time": the story is approved and scheduled to go live then (UTC ISO). */
    scheduleFor?: string | undefined
  }): Promise<Article & { queuedForDesk?: string }> {
    const actor = this.actor()
    const note = input.note?.trim() ?? ''
    const current = await this.articles.get(input.id)
    const settings = this.settings.get()
    const now = this.env.clock.now()
    const timeZone = deskTimeZone(settings.timeZone)
    if (input.scheduleFor !== undefined) {
      if (input.action !== 'approve')
        throw new AppError('REFUSED', 'Only approving can be “for a time”.')
      // Checked before approving, so a refused time leaves the story as it was.
      const scheduling = decideScheduleChange({
        role: actor.role,
        status: 'approved',
        current,
        next: input.scheduleFor,
        now,
        timeZone,
      })
      if (!scheduling.ok) throw new AppError('REFUSED', scheduling.reason)
    }
    const decision = decideTransition({
      role: actor.role,
      user: actor.name,
      status: current.status,
      author: current.author,
      action: input.action,
      note,
      checksPass: passesChecks(checkArticle(current, settings, this.env.clock.now())),
      fourEyes: settings.fourEyes,
      wasPublished: current.publishedAt !== null,
      embargoHold: embargoHold(current, now, timeZone, 'be marked published'),
    })
    if (!decision.ok)
      throw new AppError('REFUSED', decision.reason, {
        action: input.action,
        status: current.status,
      })
    const desk = this.env.desk?.() ?? null
    const next = desk
      ? await this.transitionOnDesk(desk, current, decision.to, input.action, actor.name, note)
      : await this.apply(current, decision.to, input.action, actor.name, note)
    if (input.scheduleFor === undefined || next.status !== 'approved') return next
    return { ...next, ...(await this.schedule({ id: next.id, at: input.scheduleFor })) }
  }

  /**
   * Sets, moves or clears (null) the time an approved story goes live, under the shared rules
   * (decideScheduleChange); every change is in the audit trail. A push waiting in the outbox follows
   * the new time when it is next sent.
   */
  async schedule(input: { id: string; at: string | null }): Promise<Article> {
    const actor = this.actor()
    const current = await this.articles.get(input.id)
    const decision = decideScheduleChange({
      role: actor.role,
      status: current.status,
      current,
      next: input.at,
      now: this.env.clock.now(),
      timeZone: deskTimeZone(this.settings.get().timeZone),
    })
    if (!decision.ok) throw new AppError('REFUSED', decision.reason)
    if (!decision.changed) return current
    const scheduledFor = input.at === null ? null : new Date(input.at).toISOString()
    const next = await this.touch(current, { scheduledFor })
    await this.record(next, scheduledFor ? 'scheduled' : 'unscheduled', {
      note: scheduledFor
        ? current.scheduledFor
          ? `Rescheduled from ${current.scheduledFor} to ${scheduledFor}`
          : `Scheduled for ${scheduledFor}`
        : `Unscheduled (was for ${current.scheduledFor ?? ''})`,
    })
    return next
  }

  /**
   * Puts, moves or lifts (null) the story's embargo under the shared rules (decideEmbargoChange):
   * lifting or moving one is a desk chief's, and lands in the audit trail. Unlike text, an embargo
   * can change in any state before publication (an approved story waiting for its time too).
   */
  async setEmbargo(input: { id: string; until: string | null }): Promise<Article> {
    const actor = this.actor()
    const current = await this.articles.get(input.id)
    const decision = decideEmbargoChange({
      role: actor.role,
      status: current.status,
      publishedAt: current.publishedAt,
      current,
      next: input.until,
      now: this.env.clock.now(),
      timeZone: deskTimeZone(this.settings.get().timeZone),
    })
    if (!decision.ok) throw new AppError('REFUSED', decision.reason)
    if (!decision.changed) return current
    const embargoedUntil = input.until === null ? null : new Date(input.until).toISOString()
    const next = await this.touch(current, { embargoedUntil })
    await this.record(next, embargoedUntil ? 'embargo-set' : 'embargo-lifted', {
      note: embargoNote({ from: current.embargoedUntil, to: embargoedUntil }),
    })
    return next
  }

  /** A change of bookkeeping (not text) as a new revision. */
  private touch(
    current: Article,
    change: Partial<Pick<Article, 'scheduledFor' | 'embargoedUntil'>>,
  ): Promise<Article> {
    const at = isoNow(this.env.clock)
    return this.articles.update(current.id, current.revision, (article) => ({
      ...article,
      ...change,
      revision: article.revision + 1,
      updatedAt: at,
    }))
  }

  /**
   * A joined workstation: the desk decides. A queued submit changes the local status at once (the
   * answer says when it reaches the desk); any other action is taken by the desk now, its version
   * written to the local store, and kept in the local history like a local one.
   */
  private async transitionOnDesk(
    desk: DeskWorkflow,
    current: Article,
    to: Article['status'],
    action: WorkflowAction,
    by: string,
    note: string,
  ): Promise<Article & { queuedForDesk?: string }> {
    const outcome = await desk.transition(current.id, action, note)
    if (outcome.queued) {
      const next = await this.apply(current, to, action, by, note, {
        store: desk.updateLocally,
      })
      return { ...next, queuedForDesk: desk.queuedMessage() }
    }
    const next = await this.articles.get(current.id)
    const at = isoNow(this.env.clock)
    await this.recordTransition(current, next, action, by, note, at)
    return next
  }

  /**
   * The CMS confirmed the story is live. A story never published before becomes published; one
   * published before becomes corrected with the note its desk chief wrote for readers (kept as the
   * pending correction since the push). The confirmation itself goes to the audit trail, never into
   * the corrections. Without a note for readers a re-published story stays approved.
   */
  async confirmPublished(id: string, confirmation: { by: string; cms: string }): Promise<Article> {
    const current = await this.articles.get(id)
    if (current.status !== 'approved') return current
    const confirmed = `Confirmed by ${confirmation.cms}`
    if (current.publishedAt === null)
      return this.apply(current, 'published', 'publish', confirmation.by, confirmed)
    const pending = current.pendingCorrection
    if (!pending) return current
    return this.apply(current, 'corrected', 'publish_correction', pending.by, pending.note)
  }

  /**
   * A story published before, reopened and approved again without a change: the CMS already has it
   * live, so it goes back to what it was (published, or corrected) with no new correction. A
   * correction note waiting with it is not dropped: it is published as the correction.
   */
  async restorePublished(id: string, by: string, note: string): Promise<Article> {
    const current = await this.articles.get(id)
    if (current.status !== 'approved' || current.publishedAt === null) return current
    const pending = current.pendingCorrection
    if (pending)
      return this.apply(current, 'corrected', 'publish_correction', pending.by, pending.note)
    const to = current.corrections.length > 0 ? 'corrected' : 'published'
    return this.apply(current, to, 'publish', by, note, { keepPublishedAt: true })
  }

  /**
   * The desk chief writes (or rewrites) the correction note for readers of a story published
   * before and approved again; it goes with the next push or export and is published with it.
   */
  async writeCorrectionNote(input: { id: string; note: string }): Promise<Article> {
    const actor = this.actor()
    if (actor.role !== 'desk-chief')
      throw new AppError('REFUSED', 'A correction note for readers is written by a desk chief.')
    const article = await this.articles.get(input.id)
    if (article.status !== 'approved' || article.publishedAt === null)
      throw new AppError(
        'REFUSED',
        'A correction note is for an approved story that was published before; this one is not.',
      )
    const note = input.note.trim()
    if (!note) throw new AppError('REFUSED', 'Write the correction note readers will see.')
    return this.setPendingCorrection(article, actor.name, note)
  }

  /** Keeps the desk chief's correction note for readers with the story until the CMS confirms it. */
  async setPendingCorrection(article: Article, by: string, note: string): Promise<Article> {
    const at = isoNow(this.env.clock)
    const next = await this.articles.update(article.id, article.revision, (current) => ({
      ...current,
      pendingCorrection: { by, at, note },
      revision: current.revision + 1,
      updatedAt: at,
    }))
    await this.record(next, 'correction-note', { note: `For readers: ${note}` })
    return next
  }

  private async apply(
    current: Article,
    to: Article['status'],
    action: WorkflowAction,
    by: string,
    note: string,
    options: { keepPublishedAt?: boolean; store?: ArticleRepository['update'] } = {},
  ): Promise<Article> {
    const at = isoNow(this.env.clock)
    const update = options.store ?? this.articles.update.bind(this.articles)
    const next = await update(current.id, current.revision, (article) => ({
      ...article,
      status: to,
      statusChangedAt: at,
      statusNote: note ? { by, at, text: note } : null,
      revision: article.revision + 1,
      updatedAt: at,
      approval: to === 'approved' ? { by, at } : to === 'submitted' ? null : article.approval,
      publishedAt:
        (to === 'published' || to === 'corrected') && !options.keepPublishedAt
          ? at
          : article.publishedAt,
      corrections:
        action === 'publish_correction'
          ? [...article.corrections, { by, at, note }]
          : article.corrections,
      // A note for readers belongs to the version it was written for: published, or reopened.
      pendingCorrection:
        action === 'publish_correction' || to === 'submitted' ? null : article.pendingCorrection,
      // A schedule belongs to an approval: reopened, spiked or gone live, it is over.
      scheduledFor: to === 'approved' ? article.scheduledFor : null,
    }))
    await this.recordTransition(current, next, action, by, note, at)
    return next
  }

  async saveVersion(input: { id: string; note?: string | undefined }): Promise<RevisionMeta> {
    const actor = this.actor()
    const article = await this.articles.get(input.id)
    const at = isoNow(this.env.clock)
    const meta = await this.history.snapshot(
      article.id,
      {
        at,
        by: actor.name,
        status: article.status,
        reason: 'saved-version',
        note: input.note?.trim() || undefined,
        articleRevision: article.revision,
      },
      article,
    )
    await this.record(article, 'save-version', { note: input.note?.trim() })
    return meta
  }

  async revisions(input: { id: string }): Promise<RevisionMeta[]> {
    await this.articles.get(input.id)
    return [...(await this.history.read(input.id)).revisions].reverse()
  }

  revision(input: { id: string; seq: number }): Promise<Article> {
    return this.history.readSnapshot(input.id, input.seq)
  }

  /** Compares two revisions by number; 0 stands for the article as it is now. */
  async diff(input: { id: string; from: number; to: number }): Promise<ArticleDiff> {
    const load = (seq: number) =>
      seq === 0 ? this.articles.get(input.id) : this.history.readSnapshot(input.id, seq)
    const [before, after] = await Promise.all([load(input.from), load(input.to)])
    return diffArticles(before, after)
  }

  /** Brings back an old revision's text as a new revision; the revisions in between stay. */
  async restore(input: { id: string; seq: number }): Promise<Article> {
    const actor = this.actor()
    const old = await this.history.readSnapshot(input.id, input.seq)
    const current = await this.articles.get(input.id)
    if (!isEditable(current.status)) {
      throw new AppError(
        'LOCKED',
        `This story is ${statusInSentence(current.status)}; reopen it before restoring a revision.`,
      )
    }
    const at = isoNow(this.env.clock)
    // Every field the desk edits, however many there are by now (language, entities, feed item…).
    const source: Record<string, unknown> = old
    const parsed = EditableFields.safeParse(
      Object.fromEntries(Object.keys(EditableFields.shape).map((key) => [key, source[key]])),
    )
    if (!parsed.success)
      throw new AppError(
        'REFUSED',
        `Version ${input.seq} cannot be restored: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim(),
      )
    // The embargo is not text: an old version never lifts or moves it (that is a desk chief's).
    const fields = { ...parsed.data, embargoedUntil: current.embargoedUntil }
    // Checked and cleaned like any save (attributes the schema does not know dropped, links
    // normalised); a link the old version stored, refused today, comes back flagged by the checks.
    const next = await this.articles
      .update(
        current.id,
        current.revision,
        (article) => ({ ...article, ...fields, revision: article.revision + 1, updatedAt: at }),
        fields.body,
      )
      .catch((error: unknown) => {
        if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error
        throw new AppError('REFUSED', `Version ${input.seq} cannot be restored: ${error.message}`)
      })
    const note = `Restored version ${input.seq}`
    await this.history.snapshot(
      next.id,
      {
        at,
        by: actor.name,
        status: next.status,
        reason: 'restored',
        note,
        articleRevision: next.revision,
      },
      next,
    )
    await this.record(next, 'restore', { note })
    return next
  }

  async addNote(input: { id: string; text: string }): Promise<EditorialNote[]> {
    const actor = this.actor()
    await this.articles.get(input.id)
    // Joined: queued for the desk (it works offline) and kept in the local history under one id.
    const desk = this.env.desk?.() ?? null
    if (desk) {
      await desk.addNote(input.id, input.text.trim(), actor.name)
      return this.notes(input)
    }
    await this.history.addNote(input.id, {
      id: randomUUID(),
      at: isoNow(this.env.clock),
      by: actor.name,
      text: input.text.trim(),
    })
    return this.notes(input)
  }

  async notes(input: { id: string }): Promise<EditorialNote[]> {
    return (await this.history.read(input.id)).notes
  }

  async auditTrail(input: { id: string }): Promise<AuditEntry[]> {
    return (await this.history.read(input.id)).audit
  }

  /** Submitted stories, longest waiting first. */
  async queue(): Promise<ArticleSummary[]> {
    const all = await this.articles.list()
    return all
      .filter((article) => article.status === 'submitted')
      .sort((a, b) =>
        (a.statusChangedAt ?? a.updatedAt).localeCompare(b.statusChangedAt ?? b.updatedAt),
      )
  }

  /** Records an export or a push in the article's audit trail. */
  record(
    article: Article,
    action: string,
    extra: { from?: Article['status']; to?: Article['status']; note?: string | undefined } = {},
  ): Promise<void> {
    const actor = this.env.profile()
    const entry: AuditEntry = {
      at: isoNow(this.env.clock),
      by: actor?.name ?? 'Copydesk',
      action,
      revision: article.revision,
    }
    if (extra.from) entry.from = extra.from
    if (extra.to) entry.to = extra.to
    if (extra.note) entry.note = extra.note
    return this.history.appendAudit(article.id, entry)
  }

  private actor(): Profile {
    const profile = this.env.profile()
    if (!profile)
      throw new AppError('REFUSED', 'Say who is at this workstation first (name and role).')
    return profile
  }

  /** A state change in the story's audit trail and as a version in its history. */
  private async recordTransition(
    current: Article,
    next: Article,
    action: WorkflowAction,
    by: string,
    note: string,
    at: string,
  ): Promise<void> {
    await this.history.appendAudit(next.id, {
      at,
      by,
      action: `transition:${action}`,
      from: current.status,
      to: next.status,
      revision: next.revision,
      ...(note ? { note } : {}),
    })
    await this.history.snapshot(
      next.id,
      {
        at,
        by,
        status: next.status,
        reason: 'state-change',
        note: note || undefined,
        articleRevision: next.revision,
      },
      next,
    )
  }
}
