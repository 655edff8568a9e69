export type LogLevel = 'error' | 'warn' | 'info'

/**
 * Where log lines go: electron-log in the desktop app, a file in the data folder in the browser
 * host and the CLI. It receives text already made safe (see describeCause), and never throws.
 */
export type LogSink = {
  write: (level: LogLevel, text: string) => void
  /** The file the lines end up in, for the app to show; null when there is none. */
  readonly file: string | null
}
