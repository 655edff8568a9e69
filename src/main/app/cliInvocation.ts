import { basename } from 'node:path'
import { isSwitch, launchArgs } from './launchArgs'

export type LaunchFacts = {
  argv: readonly string[]
  /** `process.defaultApp`: started as `electron path/to/app`, so argv[1] is the app. */
  defaultApp: boolean
  /** The name the program was started by (`process.argv0`): a link named `copydesk`, say. */
  invokedAs: string
  /** The real executable (`process.execPath`). */
  execPath: string
}

/**
 * The CLI's arguments when the app was started as the `copydesk` command, else null (the window).
 * It is the command when its first argument, after any Chromium switches a launcher puts first
 * (`--headless`, `--no-sandbox`), is `--cli`; or when it was started through a link or copy named
 * `copydesk` of an executable with another name (`Copydesk`, `Copydesk.exe`). With the RunAsNode
 * fuse off, this is how an installed Copydesk runs its CLI.
 */
export function cliInvocation(facts: LaunchFacts): string[] | null {
  const args = launchArgs(facts.argv, facts.defaultApp)
  const first = args.findIndex((arg) => !isSwitch(arg) || arg === '--cli')
  if (first !== -1 && args[first] === '--cli') return args.slice(first + 1)
  const invoked = programName(facts.invokedAs)
  if (invoked === 'copydesk' && invoked !== programName(facts.execPath)) return args
  return null
}

/** `copydesk` for `/usr/local/bin/copydesk`, `C:\…\copydesk.exe` or `copydesk.cmd`; case kept. */
function programName(path: string): string {
  return basename(path.replaceAll('\\', '/')).replace(/\.(exe|cmd|bat)$/i, '')
}
