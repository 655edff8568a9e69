import type { Article, ArticleSummary } from '../../shared/domain/Article'
import type { BodyDoc } from '../../shared/domain/DocNode'
import type { StoreProblem } from '../../shared/domain/StoreProblem'
import type { TrashEntry } from '../../shared/domain/TrashEntry'
import type { ArticleRepository } from '../store/ArticleRepository'

/**
 * The store the services hold: the data folder's own while standalone, the synced one (every save
 * queued for the desk) while joined. Joining or leaving a desk swaps it under the running services,
 * so nothing holds on to the other. Closing closes the local store (the synced one wraps it).
 */
export class SwitchingArticleRepository implements ArticleRepository {
  private current: ArticleRepository

  constructor(private readonly local: ArticleRepository) {
    this.current = local
  }

  /** The synced store while joined; null goes back to the local one. */
  use(synced: ArticleRepository | null): void {
    this.current = synced ?? this.local
  }

  list(): Promise<ArticleSummary[]> {
    return this.current.list()
  }

  get(id: string): Promise<Article> {
    return this.current.get(id)
  }

  search(query: string): Promise<ArticleSummary[]> {
    return this.current.search(query)
  }

  create(article: Article): Promise<Article> {
    return this.current.create(article)
  }

  update(
    id: string,
    baseRevision: number,
    change: (current: Article) => Article,
    keepLinksOf?: BodyDoc,
  ): Promise<Article> {
    return this.current.update(id, baseRevision, change, keepLinksOf)
  }

  trash(id: string, at: string): Promise<TrashEntry> {
    return this.current.trash(id, at)
  }

  restore(id: string): Promise<ArticleSummary> {
    return this.current.restore(id)
  }

  listTrash(): Promise<TrashEntry[]> {
    return this.current.listTrash()
  }

  tags(): Promise<string[]> {
    return this.current.tags()
  }

  problems(): Promise<StoreProblem[]> {
    return this.current.problems()
  }

  dismissProblem(id: string): Promise<void> {
    return this.current.dismissProblem(id)
  }

  close(): Promise<void> {
    return this.local.close()
  }
}
