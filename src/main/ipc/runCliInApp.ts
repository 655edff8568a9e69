import { app } from 'electron'

/**
 * The installed app as the `copydesk` command (started with `--cli`): no window, no single-instance
 * lock (the command runs beside an open Copydesk, as `node bin/copydesk.js` does), the CLI on this
 * process's standard streams, then exit with its code once they are flushed.
 */
export function runCliInApp(
  args: readonly string[],
  loadCli: () => Promise<{ runCliProcess: (args: readonly string[]) => Promise<number> }>,
): void {
  app.dock?.hide()
  app.disableHardwareAcceleration()
  loadCli()
    .then(({ runCliProcess }) => runCliProcess(args))
    .catch((error: unknown) => {
      process.stderr.write(`copydesk: the command line could not start: ${String(error)}\n`)
      return 1
    })
    .then(async (code) => {
      await Promise.all([flushed(process.stdout), flushed(process.stderr)])
      app.exit(code)
    })
}

/** Resolves once what was written before has left: a pipe on macOS is written asynchronously. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()))
}
