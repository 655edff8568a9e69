import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError } from '../shared/ipc/AppError'
import { APP_VERSION } from '../main/appVersion'
import { FileLogSink } from '../main/log/FileLogSink'
import { installLogSink } from '../main/log/log'
import { openWorkstation, type Workstation } from '../main/openWorkstation'
import { resolveDataDir } from '../main/resolveDataDir'
import { formatHelp, type CliCommand } from './CliCommand'
import { CLI_OPTIONS, GLOBAL_OPTIONS_HELP } from './cliOptions'
import type { CliValues } from './cliValues'
import { EXIT } from './ConfigIo'
import { DESK_ADMIN_COMMAND } from './deskAdminCommands'
import { DESK_COMMANDS } from './deskCommands'
import { DESK_JOIN_COMMAND } from './deskJoinCommands'
import { deskServeCommand } from './deskServeCommand'
import { IMPORT_COMMAND } from './importCommand'
import { PICTURE_COMMAND } from './pictureCommands'
import { runUnlock } from './runUnlock'
import { CONFIG_COMMANDS } from './settingsCommands'
import { PUBLISHING_TIME_COMMANDS } from './publishingTimeCommands'
import { fail } from './showCall'

export type CliIo = {
  out: (text: string) => void
  err: (text: string) => void
  env: NodeJS.ProcessEnv
  /** Standard input, read whole (secrets for `target set`). */
  stdin?: () => Promise<string>
  /** Standard input is a terminal: nothing is piped in. */
  stdinIsTTY?: boolean
}

const UNLOCK_COMMAND: CliCommand = {
  name: 'unlock',
  help: [
    {
      synopsis: 'unlock [--force]',
      summary: [
        "remove the data folder's lock left by a Copydesk that stopped;",
        "--force also one that may be held (another computer's): warns",
      ],
    },
  ],
  run: (c) => (c.args.length === 0 ? runUnlock(c.dataDir(), c.values.force, c.io) : undefined),
}

/** Every command, in the order --help lists them: the one declaration of what the CLI does. */
export const COMMANDS: readonly CliCommand[] = [
  ...DESK_COMMANDS,
  IMPORT_COMMAND,
  ...CONFIG_COMMANDS,
  UNLOCK_COMMAND,
  deskServeCommand(),
  DESK_ADMIN_COMMAND,
  DESK_JOIN_COMMAND,
  PICTURE_COMMAND,
  ...PUBLISHING_TIME_COMMANDS,
]

export const USAGE = `Usage: copydesk <command> [options]

Commands:
${formatHelp(COMMANDS)}

${GLOBAL_OPTIONS_HELP}`

/** How long a command waits, before it exits, for the desk to take what it queued. */
const CLI_SYNC_WAIT_MS = 10_000

/** Runs one CLI command against the same services and IPC validation as the app; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: CLI_OPTIONS })
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return EXIT.usage
  }
  const { positionals } = parsed
  const values: CliValues = parsed.values
  // `--data-dir=` (or an empty variable in `--data-dir "$DIR"`) must not quietly open the default desk.
  if (values['data-dir'] !== undefined && !values['data-dir'].trim()) {
    io.err(`--data-dir needs a folder, e.g. --data-dir ~/copydesk-data.\n\n${USAGE}`)
    return EXIT.usage
  }
  const [name, ...args] = positionals
  if (values.help || !name) {
    io.out(USAGE)
    return values.help ? EXIT.ok : EXIT.usage
  }
  const context = {
    args,
    values,
    io,
    dataDir: () => resolveDataDir(argv, io.env),
    env: io.env,
    withWorkstation: (run: (workstation: Workstation) => Promise<number>) =>
      withWorkstation(values, io, run),
  }
  // Several commands may share a first word (`desk admin …`, `desk serve`): the first that takes the arguments runs.
  let running: Promise<number> | undefined
  for (const command of COMMANDS.filter((each) => each.name === name))
    running ??= command.run(context)
  if (!running) {
    io.err(`Unknown command or missing argument: ${[name, ...args].join(' ')}\n\n${USAGE}`)
    return EXIT.usage
  }
  return running
}

async function withWorkstation(
  values: CliValues,
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
    // Joined to a desk: what the command queued goes now if the desk answers in time; else it waits.
    const waiting = await workstation.sync.flush(CLI_SYNC_WAIT_MS).catch(() => null)
    if (waiting) io.err(`copydesk: ${waiting}`)
    // Whatever the command did is on disk; a last write that failed is said in one line.
    await workstation.close().catch((error: unknown) => {
      io.err(`copydesk: ${error instanceof Error ? error.message : String(error)}`)
    })
  }
}
