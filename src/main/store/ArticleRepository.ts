import type { Article, ArticleSummary } from '../../shared/domain/Article'
import type { BodyDoc } from '../../shared/domain/DocNode'
import type { StoreProblem } from '../../shared/domain/StoreProblem'
import type { TrashEntry } from '../../shared/domain/TrashEntry'

/** Where articles live. Implementations must make `update` a compare-and-swap on the revision. */
export interface ArticleRepository {
  /** Articles not in the trash, newest first. Never opens the article files. */
  list(): Promise<ArticleSummary[]>
  /** Throws NOT_FOUND, or CORRUPT_FILE after moving a bad file to quarantine. */
  get(id: string): Promise<Article>
  /**
   * Articles not in the trash in which every word of `query` begins a word of the headline, body or
   * any other part; headline matches first, each group newest first. A query without words lists all.
   */
  search(query: string): Promise<ArticleSummary[]>
  /** Stores a new article; returns it as stored (its body cleaned, see update). */
  create(article: Article): Promise<Article>
  /**
   * Replaces an article with `change(current)`, only if its stored revision is still `baseRevision`;
   * otherwise throws CONFLICT with the stored article in the error details. A changed body is checked
   * and cleaned as every stored body is; `keepLinksOf` (a restored revision's body) names links that
   * may come back as they were stored.
   */
  update(
    id: string,
    baseRevision: number,
    change: (current: Article) => Article,
    keepLinksOf?: BodyDoc,
  ): Promise<Article>
  trash(id: string, at: string): Promise<TrashEntry>
  restore(id: string): Promise<ArticleSummary>
  listTrash(): Promise<TrashEntry[]>
  /** Tags used on the desk, most used first. */
  tags(): Promise<string[]>
  /** Files that could not be read and were set aside, not yet dismissed. */
  problems(): Promise<StoreProblem[]>
  dismissProblem(id: string): Promise<void>
  close(): Promise<void>
}
