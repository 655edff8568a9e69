import { parseArgs } from 'node:util'
import type { SerializedError } from '../shared/ipc/AppError'
import { AppError } from '../shared/ipc/AppError'
import { APP_VERSION } from '../main/appVersion'
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { openWorkstation, type Workstation } from '../main/openWorkstation'
import { ImportProposalOutput } from '../shared/ipc/contract'
import { resolveDataDir } from '../main/resolveDataDir'
import { FileLogSink } from '../main/log/FileLogSink'
import { installLogSink } from '../main/log/log'
import { callFor } from './callFor'
import { formatProposal } from './formatOutput'
import { CONFIG_USAGE, runConfigCommand } from './settingsCommands'
import { runUnlock } from './runUnlock'

export type CliIo = {
  out: (text: string) => void
  err: (text: string) => void
  env: NodeJS.ProcessEnv
  /** Standard input, read whole (secrets for `target set`). */
  stdin?: () => Promise<string>
  /** Standard input is a terminal: nothing is piped in. */
  stdinIsTTY?: boolean
}

export const USAGE = `Usage: copydesk <command> [options]

Commands:
  list [--query TEXT]             articles on the desk, newest first
  get ID                          one article
  create --headline TEXT [--summary TEXT] [--deck TEXT]
                                  a new draft
  profile                         who is at this workstation
  profile set --name NAME --role writer|desk-chief
  transition ID ACTION [--note TEXT]
                                  submit, approve, request_changes, reopen, publish,
                                  publish_correction, kill, spike, unspike (as the profile)
  queue                           submitted stories, longest waiting first
  history ID                      the audit trail of one article
  export [ID...] --out DIR [--format copydesk|ninjs] [--status approved] [--correction TEXT]
                                  write export files (default: every approved story); a story
                                  published before needs a correction note for readers
  validate ID [--format copydesk|ninjs]
                                  check an article against the export schema
  push ID [--target webhook|wordpress] [--correction TEXT]
                                  send an approved story to the CMS through the outbox; a story
                                  published before needs a correction note for readers
  outbox                          pushes and their state
  import FILE [--create] [--not-a-kill]
                                  read wire copy (.txt), ninjs (.json) or HTML and show the
                                  proposed article; --create also creates it as a draft. An
                                  agency kill is recorded on the story it withdraws (exit 1);
                                  --not-a-kill imports copy misread as a kill as a story
${CONFIG_USAGE}
  unlock [--force]                remove the data folder's lock left by a Copydesk that stopped;
                                  --force also one that may be held (another computer's): warns

Options:
  --data-dir DIR   the article store (default: COPYDESK_DATA_DIR, else the app's data folder)
  --json           machine-readable output
  --help           this text`

const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** Runs one CLI command against the same services and IPC validation as the app; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        query: { type: 'string' },
        headline: { type: 'string' },
        summary: { type: 'string' },
        deck: { type: 'string' },
        create: { type: 'boolean', default: false },
        'not-a-kill': { type: 'boolean', default: false },
        name: { type: 'string' },
        role: { type: 'string' },
        note: { type: 'string' },
        format: { type: 'string' },
        status: { type: 'string' },
        out: { type: 'string' },
        target: { type: 'string' },
        correction: { type: 'string' },
        url: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        token: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'password-file': { type: 'string' },
        'token-stdin': { type: 'boolean' },
        'token-file': { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return EXIT.usage
  }
  const { values, positionals } = parsed
  // `--data-dir=` (or an empty variable in `--data-dir "$DIR"`) used to open the default desk.
  if (values['data-dir'] !== undefined && !values['data-dir'].trim()) {
    io.err(`--data-dir needs a folder, e.g. --data-dir ~/copydesk-data.\n\n${USAGE}`)
    return EXIT.usage
  }
  const [command, ...rest] = positionals
  if (values.help || !command) {
    io.out(USAGE)
    return values.help ? EXIT.ok : EXIT.usage
  }
  if (command === 'import') return runImport(rest[0], values, io)
  if (command === 'settings' || command === 'target')
    return runConfigCommand(command, rest, values, io, (run) => withWorkstation(values, io, run))
  if (command === 'unlock' && rest.length === 0)
    return runUnlock(resolveDataDir(argv, io.env), values.force, io)
  const call = callFor(command, rest, values)
  if (!call) {
    io.err(`Unknown command or missing argument: ${[command, ...rest].join(' ')}\n\n${USAGE}`)
    return EXIT.usage
  }
  return withWorkstation(values, io, async (workstation) => {
    const result = await workstation.dispatch(call.method, call.input)
    if (!result.ok) return fail(io, values.json, result.error)
    io.out(values.json ? JSON.stringify(result.value, null, 2) : call.format(result.value))
    return call.failsWhen?.(result.value) ? EXIT.failed : EXIT.ok
  })
}

type Values = {
  'data-dir'?: string | undefined
  json: boolean
  create: boolean
  'not-a-kill'?: boolean | undefined
}

async function withWorkstation(
  values: Values,
  io: CliIo,
  run: (workstation: Workstation) => Promise<number>,
): Promise<number> {
  const dataDir = resolveDataDir(
    values['data-dir'] ? ['--data-dir', values['data-dir']] : [],
    io.env,
  )
  installLogSink(new FileLogSink(join(dataDir, 'logs')))
  let workstation
  try {
    workstation = await openWorkstation({ dataDir, host: 'cli', version: APP_VERSION })
  } catch (error) {
    return fail(
      io,
      values.json,
      error instanceof AppError ? error : new AppError('IO', String(error)),
    )
  }
  try {
    return await run(workstation)
  } finally {
    // Whatever the command did is on disk; a last write that failed is said in one line.
    await workstation.close().catch((error: unknown) => {
      io.err(`copydesk: ${error instanceof Error ? error.message : String(error)}`)
    })
  }
}

async function runImport(file: string | undefined, values: Values, io: CliIo): Promise<number> {
  if (!file) {
    io.err(`import needs a FILE\n\n${USAGE}`)
    return EXIT.usage
  }
  let content: string
  try {
    content = await readFile(file, 'utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return fail(io, values.json, new AppError('IO', `Cannot read ${file}: ${reason}`))
  }
  return withWorkstation(values, io, async (workstation) => {
    const proposed = await workstation.dispatch('proposeImport', { name: basename(file), content })
    if (!proposed.ok) return fail(io, values.json, proposed.error)
    const parsed = ImportProposalOutput.safeParse(proposed.value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return fail(
        io,
        values.json,
        new AppError(
          'INVALID_INPUT',
          `${file} cannot be imported: ${issue?.path.join('.') || 'the proposal'}: ${issue?.message ?? 'invalid'}`,
        ),
      )
    }
    const proposal = parsed.data
    if (proposal.kill && values['not-a-kill']) {
      proposal.messages.unshift(
        `Read as an agency kill (${proposal.kill.reason.slice(0, 200)}); --not-a-kill imports it as a story.`,
      )
      proposal.kill = null
    }
    if (values.create && proposal.kill) {
      const { kill } = proposal
      // The kill stays on the story it withdraws: a blocking check until a desk chief acknowledges it.
      const recorded = kill.earlier
        ? await workstation.dispatch('recordAgencyKill', {
            id: kill.earlier.id,
            reason: kill.reason,
            ...(kill.uri ? { uri: kill.uri } : {}),
          })
        : null
      if (recorded && !recorded.ok) return fail(io, values.json, recorded.error)
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
    let created: unknown = null
    if (values.create) {
      const result = await workstation.dispatch('createArticle', { fields: proposal.fields })
      if (!result.ok) return fail(io, values.json, result.error)
      created = result.value
    }
    io.out(
      values.json
        ? JSON.stringify({ ...proposal, created }, null, 2)
        : formatProposal(proposal, created),
    )
    return EXIT.ok
  })
}

function fail(io: CliIo, json: boolean, error: SerializedError | AppError): number {
  const body = { code: error.code, message: error.message }
  io.err(json ? JSON.stringify({ error: body }, null, 2) : `copydesk: ${error.message}`)
  return EXIT.failed
}
