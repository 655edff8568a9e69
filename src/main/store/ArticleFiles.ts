import { lstat, rename } from 'node:fs/promises'
import { join } from 'node:path'
import type { Article } from '../../shared/domain/Article'
import { summarize } from '../../shared/domain/summarize'
import { AppError } from '../../shared/ipc/AppError'
import type { IndexEntry, Location } from './ArticleIndex'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import { LastWritten } from './LastWritten'
import { syncDirectory } from './writeFileDurably'

/** The article files themselves: articles/<id>.json and trash/<id>.json, read, written and moved. */
export class ArticleFiles {
  /**
   * The articles this store wrote last, with their text: a save reads its article's file (so a file
   * changed meanwhile by anyone is never overwritten unseen) but parses it only when the text differs
   * from what was written. An article is a value never changed in place once stored (see
   * markCheckedBody), and readArticle of its own JSON gives it back (ArticleFiles.test.ts).
   */
  private readonly lastWritten = new LastWritten<Article>(16)

  constructor(
    private readonly dataDir: string,
    private readonly readArticle: (data: unknown) => Article,
  ) {}

  /** Reads and parses one article file; its name must be the id inside. */
  async read(location: Location, id: string): Promise<Article> {
    const path = this.pathOf(location, id)
    const article = await this.file(path).read(this.lastWritten.get(path))
    if (!article) throw new AppError('NOT_FOUND', `Article ${id} was not found.`, { id })
    // A copied or renamed file: which of the two ids is the article's cannot be told, so a person decides.
    if (article.id !== id)
      throw new CorruptFileError(
        path,
        `it holds article ${article.id}, not the ${id} its name says; rename it to ${article.id}.json to bring that article back`,
      )
    return article
  }

  /** The index entry of one article file, read and parsed. */
  async readEntry(location: Location, id: string): Promise<IndexEntry> {
    const article = await this.read(location, id)
    return this.entry(location, article)
  }

  /** Writes the article durably and returns its index entry. */
  async write(location: Location, article: Article): Promise<IndexEntry> {
    const path = this.pathOf(location, article.id)
    const text = JSON.stringify(article)
    this.lastWritten.delete(path)
    await this.file(path).writeText(text)
    this.lastWritten.set(path, text, article)
    return this.entry(location, article)
  }

  /** Moves an article's file between articles/ and trash/, durably. */
  async move(id: string, from: Location, to: Location): Promise<void> {
    this.lastWritten.delete(this.pathOf(from, id))
    await rename(this.pathOf(from, id), this.pathOf(to, id))
    await syncDirectory(join(this.dataDir, to))
    await syncDirectory(join(this.dataDir, from))
  }

  pathOf(location: Location, id: string): string {
    return join(this.dataDir, location, `${id}.json`)
  }

  private file(path: string): DurableJsonFile<Article> {
    return new DurableJsonFile(path, this.readArticle, 'article')
  }

  private async entry(location: Location, article: Article): Promise<IndexEntry> {
    const file = await lstat(this.pathOf(location, article.id))
    return { ...summarize(article), location, mtimeMs: file.mtimeMs, size: file.size }
  }
}
