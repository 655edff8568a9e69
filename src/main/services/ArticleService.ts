import type { Article, ArticleSummary } from '../../shared/domain/Article'
import { newArticle } from '../../shared/domain/newArticle'
import { slugify } from '../../shared/domain/slugify'
import { AppError } from '../../shared/ipc/AppError'
import type {
  ArticleRef,
  CreateArticleInput,
  ListArticlesInput,
  SaveArticleInput,
} from '../../shared/ipc/contract'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { StoreProblem } from '../../shared/domain/StoreProblem'
import type { TrashEntry } from '../../shared/domain/TrashEntry'
import type { ArticleRepository } from '../store/ArticleRepository'
import type { HistoryStore } from '../store/HistoryStore'
import { isEditable } from '../../shared/domain/workflow'
import { statusInSentence } from '../../shared/domain/statusLabel'
import type { Role } from '../../shared/domain/Profile'
import { decideEmbargoChange, embargoNote } from '../../shared/domain/publicationTime'

/** What the services need from the world, passed in so tests control time, ids and the user. */
export type ServiceEnv = {
  clock: Clock
  newId: () => string
  user: () => string
  /** Who is at the workstation: an embargo is lifted or changed only by a desk chief. */
  role: () => Role | null
  /** The desk's time zone (IANA), in which refusals say their times. */
  timeZone: () => string
}

/** Creating, listing, editing and trashing articles. */
const AUTOSNAPSHOT_MS = 5 * 60_000

export class ArticleService {
  private readonly lastSnapshot = new Map<string, number>()

  constructor(
    private readonly repository: ArticleRepository,
    private readonly history: HistoryStore,
    private readonly env: ServiceEnv,
  ) {}

  list(input: ListArticlesInput): Promise<ArticleSummary[]> {
    return input.query ? this.repository.search(input.query) : this.repository.list()
  }

  get(input: ArticleRef): Promise<Article> {
    return this.repository.get(input.id)
  }

  async create(input: CreateArticleInput): Promise<Article> {
    const article = newArticle({
      id: this.env.newId(),
      author: this.env.user(),
      now: isoNow(this.env.clock),
      fields: input.fields ?? {},
    })
    const created = await this.repository.create(article)
    const at = created.createdAt
    await this.history.appendAudit(created.id, {
      at,
      by: created.author,
      action: 'create',
      to: 'draft',
      revision: 1,
    })
    await this.history.snapshot(
      created.id,
      { at, by: created.author, status: 'draft', reason: 'created', articleRevision: 1 },
      created,
    )
    this.lastSnapshot.set(created.id, Date.parse(at))
    return created
  }

  async save(input: SaveArticleInput): Promise<Article> {
    const { changes } = input
    let embargoFrom: { from: string | null; to: string | null } | null = null
    // The body is checked and cleaned by the store, as every write of an article is (articleForStore).
    const saved = await this.repository.update(input.id, input.baseRevision, (current) => {
      if (!isEditable(current.status)) {
        throw new AppError(
          'LOCKED',
          `This story is ${statusInSentence(current.status)} and read-only; reopen it to edit.`,
          { status: current.status },
        )
      }
      if (changes.embargoedUntil !== undefined) {
        const decision = decideEmbargoChange({
          role: this.env.role() ?? 'writer',
          status: current.status,
          publishedAt: current.publishedAt,
          current,
          next: changes.embargoedUntil,
          now: this.env.clock.now(),
          timeZone: this.env.timeZone(),
        })
        if (!decision.ok) throw new AppError('REFUSED', decision.reason)
        if (decision.changed)
          embargoFrom = { from: current.embargoedUntil, to: changes.embargoedUntil }
      }
      return {
        ...current,
        ...changes,
        slug:
          current.status === 'draft' && changes.headline !== undefined
            ? slugify(changes.headline)
            : current.slug,
        revision: current.revision + 1,
        updatedAt: isoNow(this.env.clock),
      }
    })
    if (embargoFrom) await this.recordEmbargo(saved, embargoFrom)
    await this.snapshotIfDue(saved)
    return saved
  }

  /** An embargo put on, changed or lifted by a save lands in the audit trail, as the desk's own do. */
  private recordEmbargo(
    article: Article,
    change: { from: string | null; to: string | null },
  ): Promise<void> {
    return this.history.appendAudit(article.id, {
      at: article.updatedAt,
      by: this.env.user(),
      action: change.to === null ? 'embargo-lifted' : 'embargo-set',
      revision: article.revision,
      note: embargoNote(change),
    })
  }

  /** Keeps a snapshot at most every five minutes while someone is editing. */
  private async snapshotIfDue(article: Article): Promise<void> {
    const now = Date.parse(article.updatedAt)
    let last = this.lastSnapshot.get(article.id)
    if (last === undefined) {
      const previous = (await this.history.read(article.id)).revisions.at(-1)
      last = previous ? Date.parse(previous.at) : 0
    }
    if (now - last < AUTOSNAPSHOT_MS) {
      this.lastSnapshot.set(article.id, last)
      return
    }
    this.lastSnapshot.set(article.id, now)
    await this.history.snapshot(
      article.id,
      {
        at: article.updatedAt,
        by: this.env.user(),
        status: article.status,
        reason: 'autosave',
        articleRevision: article.revision,
      },
      article,
    )
  }

  trash(input: ArticleRef): Promise<TrashEntry> {
    return this.repository.trash(input.id, isoNow(this.env.clock))
  }

  restore(input: ArticleRef): Promise<ArticleSummary> {
    return this.repository.restore(input.id)
  }

  tags(): Promise<string[]> {
    return this.repository.tags()
  }

  listTrash(): Promise<TrashEntry[]> {
    return this.repository.listTrash()
  }

  problems(): Promise<StoreProblem[]> {
    return this.repository.problems()
  }

  dismissProblem(id: string): Promise<void> {
    return this.repository.dismissProblem(id)
  }
}
