/**
 * One structured log line of the desk server. Never a token, a password or a request body: what
 * is logged is the request's shape (method, path without its query), its outcome and who made it.
 */
export type DeskLogLine = {
  time: string
  level: 'info' | 'warn' | 'error'
  /** `request` for the one line per request; otherwise what happened (`handler-failed`, `started`...). */
  event: string
  requestId?: string
  method?: string
  path?: string
  call?: string
  status?: number
  ms?: number
  accountId?: string
  code?: string
  message?: string
  /** A server-side failure's message and stack: in the log, never in the answer. */
  error?: string
  /** What a part of the server (the outbox) adds about its event: ids, counts, never secrets. */
  fields?: Record<string, string | number | null>
}

/** Where the server's log lines go: stdout for `copydesk desk serve`, an array in tests. */
export type DeskLog = (line: DeskLogLine) => void

/** A log writing one JSON object per line (what log collectors read). */
export function jsonLinesLog(write: (text: string) => void): DeskLog {
  return (line) => write(`${JSON.stringify(line)}\n`)
}

/** A thrown value as one log field: message and stack for an Error. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`
  return String(error)
}
