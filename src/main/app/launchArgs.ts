/** The arguments the user (or the system) gave: without the executable, and without the app path of `electron .`. */
export function launchArgs(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1)
}

/** Chromium's and Electron's own switches (`--no-sandbox`, `--enable-logging=file`), and macOS's `-psn_…`. */
export function isSwitch(arg: string): boolean {
  return arg.startsWith('-') && arg !== '-' && arg !== '--'
}
