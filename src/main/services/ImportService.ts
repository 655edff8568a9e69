import { AppError } from '../../shared/ipc/AppError'
import type { ImportProposal } from '../../shared/import/ImportProposal'
import { looksLikeNinjs, parseNinjs } from '../../shared/import/parseNinjs'
import { parseWireText } from '../../shared/import/parseWireText'
import { validateBody } from '../../shared/editor-schema/validateBody'
import { blankFields } from '../../shared/domain/newArticle'
import { htmlToBody } from '../import/htmlToBody'

/** Turns a file's text (wire copy, ninjs JSON, HTML) into a proposed article for the editor to review. */
export class ImportService {
  constructor(private readonly now: () => Date = () => new Date()) {}

  propose(input: { name: string; content: string }): ImportProposal {
    const proposal = this.parse(input)
    const problems = validateBody(proposal.fields.body)
    if (problems.length > 0)
      throw new AppError(
        'INVALID_INPUT',
        `The import produced an invalid body: ${problems.join(' ')}`,
      )
    return proposal
  }

  private parse({ name, content }: { name: string; content: string }): ImportProposal {
    const trimmed = content.trimStart()
    if (/\.json$/i.test(name) || trimmed.startsWith('{')) {
      let data: unknown
      try {
        data = JSON.parse(content)
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        const proposal = parseWireText(content, this.now())
        proposal.messages.unshift(`${name} is not valid JSON (${reason}); it was read as text.`)
        return proposal
      }
      if (looksLikeNinjs(data)) return parseNinjs(data, htmlToBody)
      return {
        format: 'plain-text',
        fields: blankFields(),
        messages: [`${name} is JSON but not an IPTC ninjs document.`],
      }
    }
    if (/\.html?$/i.test(name) || /^<(!doctype|html|body|h\d|p|div|article)\b/i.test(trimmed)) {
      const fields = blankFields()
      const body = htmlToBody(content)
      const first = body.content?.[0]
      if (first?.type === 'heading') {
        fields.headline = (first.content ?? []).map((n) => n.text ?? '').join('')
        body.content = body.content?.slice(1)
      }
      fields.body =
        body.content && body.content.length > 0
          ? body
          : { type: 'doc', content: [{ type: 'paragraph' }] }
      return {
        format: 'html',
        fields,
        messages: ['Formatting other than headings, lists, bold, italic and links was dropped.'],
      }
    }
    return parseWireText(content, this.now())
  }
}
