import { mkdir, readFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { Article, EditableFields } from '../../shared/domain/Article'
import type { ExportFormat, ExportProblem, ExportedFile } from '../../shared/domain/ExportedFile'
import { slugify } from '../../shared/domain/slugify'
import { AppError } from '../../shared/ipc/AppError'
import type { PictureFiles } from '../../shared/export/publishPicture'
import { toNinjs } from '../../shared/export/toNinjs'
import { isFinal, toPublishJson } from '../../shared/export/toPublishJson'
import { validateExport } from '../export/schemaValidators'
import { collectExportPictures, PictureExportError } from '../media/collectExportPictures'
import type { MediaStore } from '../media/MediaStore'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { ArticleRepository } from '../store/ArticleRepository'
import type { SettingsStore } from '../store/SettingsStore'
import { isErrnoCode } from '../store/isErrnoCode'
import { writeFileDurably } from '../store/writeFileDurably'
import type { WorkflowService } from './WorkflowService'
import { deskTimeZone } from '../../shared/domain/deskTime'
import { embargoHold } from '../../shared/domain/publicationTime'

/** Renders, validates and writes exports; an article that fails its schema never leaves. */
export class ExportService {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly workflow: WorkflowService,
    private readonly settings: SettingsStore,
    private readonly env: { clock: Clock; generator: string; media: MediaStore },
  ) {}

  /**
   * The export document for an article, as it would be written; `pictures` are the renditions
   * written beside it (without them, pictures leave with their words and no files).
   */
  render(
    article: Article,
    format: ExportFormat,
    killNote?: string,
    pictures?: PictureFiles,
  ): Record<string, unknown> {
    const settings = this.settings.get()
    if (format === 'ninjs')
      return toNinjs(article, {
        language: settings.language,
        uriBase: 'urn:copydesk:article:',
        copyrightHolder: settings.copyrightHolder,
        copyrightNotice: settings.copyrightNotice,
        killNote,
        pictures,
      })
    return toPublishJson(article, {
      exportedAt: isoNow(this.env.clock),
      generator: this.env.generator,
      comments: { enabled: settings.commentsEnabled, minLength: settings.commentMinLength },
      language: settings.language,
      pictures,
    })
  }

  async validate(input: { id: string; format: ExportFormat }): Promise<ExportProblem[]> {
    const article = await this.articles.get(input.id)
    const { problems } = await this.prepare(article, input.format)
    return [...(await this.pictureProblems(article)), ...problems]
  }

  /** A picture an export to a folder would refuse (missing or damaged), as a problem on its field. */
  private async pictureProblems(article: Article): Promise<ExportProblem[]> {
    try {
      await collectExportPictures(article, this.env.media, 'check')
      return []
    } catch (error) {
      if (!(error instanceof PictureExportError)) throw error
      return [
        error.lead
          ? { path: '/leadImage', message: error.message, field: 'leadPicture' }
          : { path: '/body', message: error.message, field: 'body' },
      ]
    }
  }

  /**
   * Renders the document once and validates that very object, so what is written is what was
   * checked (two renderings would read the clock twice and could differ). Every export meets the
   * Copydesk publish schema (the desk's rules: headline, dateline, body...); a ninjs export must
   * also meet the official ninjs schema, and the house rules are checked on the same story's
   * Copydesk rendering, which is not written.
   */
  private async prepare(
    article: Article,
    format: ExportFormat,
    pictures?: PictureFiles,
  ): Promise<{ document: Record<string, unknown>; problems: ExportProblem[] }> {
    const document = this.render(article, format, await this.killNote(article), pictures)
    const house = validateExport(
      'copydesk',
      format === 'copydesk' ? document : this.render(article, 'copydesk', undefined, pictures),
    )
    const own = format === 'ninjs' ? validateExport('ninjs', document) : []
    const problems = [...house, ...own].map((p) => ({ ...p, field: fieldOf(p.path) }))
    return { document, problems }
  }

  /**
   * The validated document, or a refusal that lists every failing field. `pictures`: the
   * renditions that travel with it (written beside an export; base64 or links in a webhook push);
   * without them pictures leave with their words only (the export check, a WordPress push).
   */
  async document(
    id: string,
    format: ExportFormat,
    pictures?: PictureFiles,
  ): Promise<{ article: Article; document: Record<string, unknown> }> {
    const article = await this.articles.get(id)
    const { document, problems } = await this.prepare(article, format, pictures)
    if (problems.length > 0) {
      const list = problems.map((p) => `${p.field ?? p.path} ${p.message}`).join('; ')
      throw new AppError(
        'REFUSED',
        `“${article.headline || 'Untitled'}” cannot be exported: ${list}.`,
        { problems },
      )
    }
    return { article, document }
  }

  /** Why a killed story was withdrawn: the note of its last kill, for ninjs edNote. */
  private async killNote(article: Article): Promise<string | undefined> {
    if (article.status !== 'killed') return undefined
    const trail = await this.workflow.auditTrail({ id: article.id })
    return [...trail].reverse().find((entry) => entry.action === 'transition:kill')?.note
  }

  /**
   * Writes one file per article into `dir`, named from the slug. A file of the same name that holds a
   * different article is never overwritten: the new one gets a numbered name. With `status`, every
   * article in that state is exported.
   */
  async exportToFolder(input: {
    ids?: string[] | undefined
    status?: Article['status'] | undefined
    format: ExportFormat
    dir: string
    correction?: string | undefined
  }): Promise<ExportedFile[]> {
    const ids =
      input.ids ??
      (await this.articles.list())
        .filter((a) => !input.status || a.status === input.status)
        .map((a) => a.id)
    await this.embargoes(ids)
    await this.correctionNotes(ids, input.correction?.trim() ?? '')
    const dir = resolve(input.dir)
    await mkdir(dir, { recursive: true })
    const written: ExportedFile[] = []
    for (const id of ids) {
      const stored = await this.articles.get(id)
      const { file, base } = await this.freeName(dir, stored, input.format)
      // Renditions are named after their content, so a story's exports in both formats share them.
      const media = await collectExportPictures(stored, this.env.media, `${base}.media`)
      const { article, document } = await this.document(id, input.format, media.pictures)
      if (media.files.length > 0) await mkdir(join(dir, `${base}.media`), { recursive: true })
      // Exports are for other programs (a CMS importer, a colleague): the usual 0666 less the umask.
      // The pictures go first, so the document never names a file that is not there.
      for (const picture of media.files)
        await writeFileDurably(join(dir, ...picture.path.split('/')), picture.data, 0o666)
      await writeFileDurably(file, `${JSON.stringify(document, null, 2)}\n`, 0o666)
      const final = isFinal(article.status)
      await this.workflow.record(article, 'export', {
        note: `${input.format}${final ? '' : ' preview'} → ${file}`,
      })
      written.push({ id: article.id, headline: article.headline, file, final })
    }
    return written
  }

  /**
   * Final copy never leaves before its embargo (a preview does, saying it is embargoed). A batch
   * that holds an embargoed story writes nothing and names it, as with a missing correction note.
   */
  private async embargoes(ids: string[]): Promise<void> {
    const now = this.env.clock.now()
    const timeZone = deskTimeZone(this.settings.get().timeZone)
    const held: string[] = []
    for (const id of ids) {
      const article = await this.articles.get(id)
      const hold = isFinal(article.status)
        ? embargoHold(article, now, timeZone, 'be exported as final copy')
        : null
      if (hold) held.push(`“${article.headline || 'Untitled'}”: ${hold}`)
    }
    if (held.length === 0) return
    throw new AppError(
      'REFUSED',
      ids.length === 1 ? (held[0] ?? '') : `Nothing was exported. ${held.join(' ')}`,
    )
  }

  /**
   * A story published before and approved again leaves as final copy only with its correction note
   * for readers, as a push does: the file says what readers will see. The note (one story at a
   * time) is kept with the story until a CMS confirms it. Nothing is written while one is missing.
   */
  private async correctionNotes(ids: string[], note: string): Promise<void> {
    if (note) {
      const [id] = ids
      if (ids.length !== 1 || !id)
        throw new AppError('REFUSED', 'A correction note goes with one story at a time.')
      await this.workflow.writeCorrectionNote({ id, note })
    }
    const missing: Article[] = []
    for (const id of ids) {
      const article = await this.articles.get(id)
      if (article.status === 'approved' && article.publishedAt && !article.pendingCorrection)
        missing.push(article)
    }
    if (missing.length === 0) return
    const names = missing.map((a) => `“${a.headline || 'Untitled'}”`).join(', ')
    throw new AppError(
      'REFUSED',
      missing.length === 1 && ids.length === 1
        ? `${names} was published before: exporting it again as final copy needs a correction note for readers, saying what was wrong and what is right.`
        : `${names} ${missing.length === 1 ? 'was' : 'were'} published before and ${missing.length === 1 ? 'needs' : 'need'} a correction note for readers: export ${missing.length === 1 ? 'it' : 'each'} on its own with the note first. Nothing was exported.`,
      { needsCorrection: true, ids: missing.map((a) => a.id) },
    )
  }

  /** The file to write and its name without suffixes (`budget-2`), which names its media folder. */
  private async freeName(
    dir: string,
    article: Article,
    format: ExportFormat,
  ): Promise<{ file: string; base: string }> {
    const base = article.slug || slugify(article.headline) || article.id
    const suffix = `${isFinal(article.status) ? '' : '.preview'}${format === 'ninjs' ? '.ninjs' : ''}.json`
    for (let n = 1; n < 1000; n += 1) {
      const name = `${base}${n === 1 ? '' : `-${n}`}`
      const file = join(dir, `${name}${suffix}`)
      const holder = await fileArticleId(file)
      if (holder === null || holder === article.id) return { file, base: basename(name) }
    }
    throw new AppError('IO', `No free file name for ${base} in ${dir}.`)
  }
}

/** The article id an existing export file belongs to; null when there is no file. */
async function fileArticleId(file: string): Promise<string | null> {
  try {
    const data: unknown = JSON.parse(await readFile(file, 'utf8'))
    if (data && typeof data === 'object') {
      if ('id' in data && typeof data.id === 'string') return data.id
      if ('uri' in data && typeof data.uri === 'string') return data.uri.split(':').pop() ?? ''
    }
    return ''
  } catch (error) {
    return isErrnoCode(error, 'ENOENT') ? null : ''
  }
}

const FIELD_BY_PATH: [RegExp, keyof EditableFields][] = [
  [/^\/(headline|headlines)/, 'headline'],
  [/^\/deck/, 'deck'],
  [/^\/(summary|descriptions)/, 'summary'],
  [/^\/keyPoints/, 'keyPoints'],
  [/^\/(dateline|located)/, 'dateline'],
  [/^\/(byline|by$)/, 'byline'],
  [/^\/credit/, 'credit'],
  [/^\/copyrightHolder/, 'copyrightHolder'],
  [/^\/copyrightNotice/, 'copyrightNotice'],
  [/^\/(sources|infoSources)/, 'sources'],
  // People, places, organisations and coded subjects are the story's entities (free tags, as
  // name-only subjects, cannot fail the schema).
  [/^\/(entities|people|organisations|places|subjects)/, 'entities'],
  [/^\/tags/, 'tags'],
  [/^\/language/, 'language'],
  [/^\/(body|bodies|wordCount|readingTime)/, 'body'],
]

/** The editable field a schema error is about, so the app can take the editor there. */
export function fieldOf(path: string): keyof EditableFields | null {
  return FIELD_BY_PATH.find(([pattern]) => pattern.test(path))?.[1] ?? null
}
