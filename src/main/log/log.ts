import type { AppProblem } from '../../shared/domain/AppProblem'
import { isoNow, systemClock } from '../../shared/domain/Clock'
import { describeCause, redact } from './describeCause'
import type { LogLevel, LogSink } from './LogSink'

const KEPT_BEFORE_SINK = 200
const KEPT_PROBLEMS = 50

/** Lines logged before a sink was installed (or in tests, where none is): replayed to the sink. */
const early: [LogLevel, string][] = []
let sink: LogSink | null = null
const secrets = new Set<string>()
const problems: (AppProblem & { seq: number })[] = []
let seq = 0

function write(level: LogLevel, scope: string, what: string, cause: unknown): void {
  const described = describeCause(cause, secrets)
  const said = redact(what, secrets).replace(/\.$/, '')
  const text = `[${scope}] ${said}${described ? `: ${described}` : ''}`
  if (sink) sink.write(level, text)
  else {
    early.push([level, text])
    if (early.length > KEPT_BEFORE_SINK) early.shift()
  }
}

/**
 * The one logger of the main process. `what` is a sentence written in our code (never an article's
 * text); the cause is reduced to its name, code, message with quoted passages masked, and stack.
 */
export const log = {
  error: (scope: string, what: string, cause?: unknown) => write('error', scope, what, cause),
  warn: (scope: string, what: string, cause?: unknown) => write('warn', scope, what, cause),
  info: (scope: string, what: string, cause?: unknown) => write('info', scope, what, cause),

  /**
   * A failure the desk should know about: logged as an error, and listed in the app under
   * "Copydesk had a problem" with `summary` (what failed, what Copydesk does about it).
   */
  problem(scope: string, summary: string, cause?: unknown): void {
    write('error', scope, summary, cause)
    seq += 1
    const at = isoNow(systemClock)
    // A retry that fails again is the same problem once more, moved to the end of the list.
    const earlier = problems.findIndex((p) => p.summary === summary)
    const count = earlier >= 0 ? (problems.splice(earlier, 1)[0]?.count ?? 0) + 1 : 1
    problems.push({ seq, id: `problem-${seq}`, at, summary, count })
    if (problems.length > KEPT_PROBLEMS) problems.shift()
  },

  /** A secret this process holds (a CMS token): masked wherever it would appear in the log. */
  addSecret(secret: string): void {
    secrets.add(secret)
  },

  /** The number of the last problem so far: a workstation lists only the problems after it. */
  mark: (): number => seq,

  /** Problems recorded after `mark`, oldest first. */
  problemsSince: (mark: number): AppProblem[] =>
    problems.filter((p) => p.seq > mark).map(({ seq: _seq, ...problem }) => problem),

  /** The log file, when the sink writes one. */
  file: (): string | null => sink?.file ?? null,

  /** Lines logged and not yet in a sink (kept in memory, the last 200). */
  pending: (): readonly [LogLevel, string][] => early,
}

/** Sends every later line to `next`, after the lines logged before it. */
export function installLogSink(next: LogSink): void {
  sink = next
  for (const [level, text] of early.splice(0)) next.write(level, text)
}
