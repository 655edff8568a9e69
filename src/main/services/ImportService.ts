import type { ArticleSummary } from '../../shared/domain/Article'
import { EditableFields } from '../../shared/domain/Article'
import { systemClock, type Clock } from '../../shared/domain/Clock'
import { docText } from '../../shared/domain/countWords'
import { blankFields } from '../../shared/domain/newArticle'
import { stripXmlForbiddenDeep } from '../../shared/domain/stripXmlForbidden'
import { validateBody } from '../../shared/editor-schema/validateBody'
import { AppError } from '../../shared/ipc/AppError'
import { detectLanguage } from '../../shared/import/detectLanguage'
import { fitProposal } from '../../shared/import/fitProposal'
import { isEmptyProposal } from '../../shared/import/isEmptyProposal'
import type { ImportProposal, KillNotice } from '../../shared/import/ImportProposal'
import { normalizeText } from '../../shared/import/normalizeText'
import { looksLikeNinjs, parseNinjs } from '../../shared/import/parseNinjs'
import { isPublishJson, parsePublishJson } from '../../shared/import/parsePublishJson'
import { parseWireText } from '../../shared/import/parseWireText'
import { unwrapFeedItem } from '../../shared/import/unwrapFeedItem'
import { htmlToBody } from '../import/htmlToBody'

/** Where a kill notice looks for the story it withdraws: the desk's index, never every file. */
export type DeskLookup = { list(): Promise<ArticleSummary[]> }

/** Turns a file's text (wire copy, ninjs JSON, Copydesk publish JSON, HTML) into a proposed article for the editor to review. */
export class ImportService {
  constructor(
    private readonly clock: Clock = systemClock,
    private readonly desk: DeskLookup | null = null,
  ) {}

  /**
   * A proposal that fits the article's limits: characters XML forbids are stripped from every
   * text, over-long or malformed parts are trimmed or dropped with a message saying why. Throws,
   * with one line naming the problem, when the file holds nothing to import (no headline, no
   * text, no kill) or the result still cannot be stored.
   */
  async propose(input: { name: string; content: string }): Promise<ImportProposal> {
    const proposal = fitProposal(stripXmlForbiddenDeep(this.parse(input)))
    if (!proposal.fields.language)
      proposal.fields.language = detectLanguage(
        `${proposal.fields.headline} ${docText(proposal.fields.body).slice(0, 2000)}`,
      )
    if (isEmptyProposal(proposal))
      throw new AppError(
        'INVALID_INPUT',
        `${input.name} has nothing to import: no headline and no text${proposal.messages[0] ? ` (${proposal.messages[0]})` : ''}.`,
      )
    const problems = validateBody(proposal.fields.body)
    if (problems.length > 0)
      throw new AppError(
        'INVALID_INPUT',
        `The import produced an invalid body: ${problems.join(' ')}`,
      )
    const checked = EditableFields.safeParse(proposal.fields)
    if (!checked.success) {
      const issue = checked.error.issues[0]
      throw new AppError(
        'INVALID_INPUT',
        `${input.name} cannot be imported: ${issue?.path.join('.') || 'the article'}: ${issue?.message ?? 'invalid'}.`,
      )
    }
    if (proposal.kill) proposal.kill = await this.withEarlier(proposal.kill)
    return proposal
  }

  /** The earlier story a kill withdraws, found on this desk by the feed's URI, else by headline. */
  private async withEarlier(kill: KillNotice): Promise<KillNotice> {
    if (!this.desk) return kill
    const summaries = await this.desk.list()
    const wanted = normalizeText(kill.headline ?? '')
    const earlier =
      (kill.uri ? summaries.find((s) => s.feedItem?.uri === kill.uri) : undefined) ??
      (wanted ? summaries.find((s) => normalizeText(s.headline) === wanted) : undefined)
    return earlier
      ? { ...kill, earlier: { id: earlier.id, headline: earlier.headline, status: earlier.status } }
      : kill
  }

  private parse({ name, content }: { name: string; content: string }): ImportProposal {
    const trimmed = content.trimStart()
    if (/\.json$/i.test(name) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
      let data: unknown
      try {
        data = JSON.parse(content)
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        const proposal = parseWireText(content, this.clock.now())
        proposal.messages.unshift(`${name} is not valid JSON (${reason}); it was read as text.`)
        return proposal
      }
      if (isPublishJson(data)) return parsePublishJson(data, htmlToBody, this.clock.now())
      const { item, notes } = unwrapFeedItem(data)
      if (looksLikeNinjs(item)) {
        const proposal = parseNinjs(item, htmlToBody, this.clock.now())
        proposal.messages.unshift(...notes)
        return proposal
      }
      return {
        format: 'plain-text',
        fields: blankFields(),
        messages: [
          `${name} is JSON but not an IPTC ninjs document (nor an API envelope around one).`,
        ],
        unplaced: [],
        kill: null,
      }
    }
    if (/\.html?$/i.test(name) || /^<(!doctype|html|body|h\d|p|div|article)\b/i.test(trimmed))
      return this.parseHtml(content)
    return parseWireText(content, this.clock.now())
  }

  private parseHtml(content: string): ImportProposal {
    const fields = blankFields()
    const read = htmlToBody(content)
    const body = read.body
    const first = body.content?.[0]
    if (first?.type === 'heading') {
      fields.headline = (first.content ?? []).map((n) => n.text ?? '').join('')
      body.content = body.content?.slice(1)
    }
    fields.body =
      body.content && body.content.length > 0
        ? body
        : { type: 'doc', content: [{ type: 'paragraph' }] }
    if (read.keyPoints) fields.keyPoints = read.keyPoints
    return {
      format: 'html',
      fields,
      messages: [
        'Formatting other than headings, lists, bold, italic and links was dropped.',
        ...read.notes,
      ],
      unplaced: read.unplaced,
      kill: null,
    }
  }
}
