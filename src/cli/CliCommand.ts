import type { Workstation } from '../main/openWorkstation'
import type { CliValues } from './cliValues'
import type { ConfigIo } from './ConfigIo'

/** One line of --help: the synopsis (continuation lines after the first) and what it does. */
export type HelpEntry = { synopsis: string | string[]; summary: string[] }

export type CommandContext = {
  /** The words after the command's name. */
  args: string[]
  values: CliValues
  io: ConfigIo
  dataDir: () => string
  /** The environment (DATABASE_URL for `desk serve`). */
  env: NodeJS.ProcessEnv
  withWorkstation: (run: (workstation: Workstation) => Promise<number>) => Promise<number>
}

/**
 * A CLI command, declared once: --help is printed from `help`, and `run` is what the command does.
 * `run` answers undefined when the arguments are not right: a usage error, exit 2.
 */
export type CliCommand = {
  name: string
  help: HelpEntry[]
  run: (context: CommandContext) => Promise<number> | undefined
}

const SYNOPSIS_WIDTH = 32

/** The help text of the commands, aligned as one table. */
export function formatHelp(commands: readonly CliCommand[]): string {
  const lines: string[] = []
  for (const command of commands) {
    for (const { synopsis, summary } of command.help) {
      const [first = '', ...more] = typeof synopsis === 'string' ? [synopsis] : synopsis
      const [what = '', ...rest] = summary
      if (more.length === 0 && first.length < SYNOPSIS_WIDTH) {
        lines.push(`  ${first.padEnd(SYNOPSIS_WIDTH)}${what}`)
      } else {
        lines.push(`  ${first}`, ...more.map((line) => `${' '.repeat(17)}${line}`))
        if (what) lines.push(`${' '.repeat(SYNOPSIS_WIDTH + 2)}${what}`)
      }
      lines.push(...rest.map((line) => `${' '.repeat(SYNOPSIS_WIDTH + 2)}${line}`))
    }
  }
  return lines.join('\n')
}
