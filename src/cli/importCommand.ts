import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Article } from '../shared/domain/Article'
import { AppError } from '../shared/ipc/AppError'
import type { CliCommand, CommandContext } from './CliCommand'
import { EXIT } from './ConfigIo'
import { formatProposal } from './formatOutput'
import { fail } from './showCall'

/** `copydesk import FILE`: the proposal, the draft with --create, and an agency kill kept on its story. */
export const IMPORT_COMMAND: CliCommand = {
  name: 'import',
  help: [
    {
      synopsis: 'import FILE [--create] [--not-a-kill]',
      summary: [
        'read wire copy (.txt), ninjs (.json) or HTML and show the',
        'proposed article; --create also creates it as a draft. An',
        'agency kill is recorded on the story it withdraws (exit 1);',
        '--not-a-kill imports copy misread as a kill as a story',
      ],
    },
  ],
  run: (context) => {
    const [file] = context.args
    if (!file) return undefined
    return runImport(file, context)
  },
}

async function runImport(file: string, context: CommandContext): Promise<number> {
  const { io, values } = context
  let content: string
  try {
    content = await readFile(file, 'utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return fail(io, values.json, new AppError('IO', `Cannot read ${file}: ${reason}`))
  }
  return context.withWorkstation(async ({ client }) => {
    try {
      const proposal = await client.proposeImport({ name: basename(file), content })
      if (proposal.kill && values['not-a-kill']) {
        proposal.messages.unshift(
          `Read as an agency kill (${proposal.kill.reason.slice(0, 200)}); --not-a-kill imports it as a story.`,
        )
        proposal.kill = null
      }
      if (values.create && proposal.kill) {
        const { kill } = proposal
        // The kill stays on the story it withdraws: a blocking check until a desk chief acknowledges it.
        if (kill.earlier)
          await client.recordAgencyKill({
            id: kill.earlier.id,
            reason: kill.reason,
            ...(kill.uri ? { uri: kill.uri } : {}),
          })
        io.out(
          values.json
            ? JSON.stringify({ ...proposal, created: null }, null, 2)
            : formatProposal(proposal, null),
        )
        const what = kill.headline ? `“${kill.headline}”` : 'an earlier story'
        const where = kill.earlier
          ? ` It is recorded on ${kill.earlier.id}, which cannot be submitted or approved until a desk chief acknowledges it.`
          : ''
        return fail(
          io,
          values.json,
          new AppError(
            'INVALID_INPUT',
            `${file} is an agency kill of ${what}; no article was created.${where} If it is a story, run again with --not-a-kill.`,
          ),
        )
      }
      const created: Article | null = values.create
        ? await client.createArticle({ fields: proposal.fields })
        : null
      io.out(
        values.json
          ? JSON.stringify({ ...proposal, created }, null, 2)
          : formatProposal(proposal, created),
      )
      return EXIT.ok
    } catch (error) {
      return fail(io, values.json, error)
    }
  })
}
