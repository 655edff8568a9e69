/** Where this tab stands with the browser host. */
export type HostState =
  | { kind: 'connecting' }
  /** In; `hostDown` says the host stopped answering since (the screen stays, typing is kept). */
  | { kind: 'ready'; hostDown?: string | undefined }
  /** The tab's token is from an earlier run of the host: it was restarted. */
  | { kind: 'restarted' }
  /** The address carried a token this host does not know (mistyped, or from an earlier run). */
  | { kind: 'wrong-token' }
  | { kind: 'no-token' }
  /** A launch link that was used, expired or unknown; the host's own words. */
  | { kind: 'link-refused'; message: string }
  | { kind: 'unreachable'; message: string }

/** What the host said to a check of the token this tab holds (or to any call made with it). */
export type CheckAnswer =
  | { kind: 'ok'; runId: string }
  /** The token was refused; `runId` is the run that refused it, when the host named it. */
  | { kind: 'refused'; runId: string | null }
  | { kind: 'unreachable'; reason: string }

/** What the host said to a launch code. */
export type LaunchAnswer =
  | { kind: 'session'; runId: string }
  | { kind: 'refused'; message: string }
  | { kind: 'unreachable'; reason: string }

/**
 * The tab's next state after a check of its token. `knownRun` is the run it signed in to. A tab
 * already in stays in when the host does not answer (its screen and unsaved typing stay; the
 * calls that fail say so), and is told only a restart, which no later answer can undo.
 */
export function decideHostState(
  current: HostState,
  answer: CheckAnswer,
  knownRun: string | null,
  host: string,
): HostState {
  switch (answer.kind) {
    case 'ok':
      return { kind: 'ready' }
    case 'unreachable': {
      const message = unreachableMessage(host, answer.reason)
      return current.kind === 'ready'
        ? { kind: 'ready', hostDown: message }
        : { kind: 'unreachable', message }
    }
    case 'refused':
      return knownRun && answer.runId && answer.runId !== knownRun
        ? { kind: 'restarted' }
        : { kind: 'wrong-token' }
  }
}

/**
 * The tab's next state after it gave a launch code. `held` is what a check of the token it already
 * held said (null when it held none): a tab that is in already carries on when Back brings it to
 * the used link again.
 */
export function decideLaunch(
  answer: LaunchAnswer,
  held: HostState | null,
  host: string,
): HostState {
  switch (answer.kind) {
    case 'session':
      return { kind: 'ready' }
    case 'unreachable':
      return { kind: 'unreachable', message: unreachableMessage(host, answer.reason) }
    case 'refused':
      return held?.kind === 'ready' ? held : { kind: 'link-refused', message: answer.message }
  }
}

/**
 * What an answer to an ordinary call says about the host: from another run than the one this tab
 * signed in to means it was restarted; any answer from ours means it is back.
 */
export function decideFromRun(
  current: HostState,
  runId: string | null,
  knownRun: string | null,
): HostState {
  if (current.kind !== 'ready' || !runId) return current
  if (knownRun && runId !== knownRun) return { kind: 'restarted' }
  return current.hostDown ? { kind: 'ready' } : current
}

function unreachableMessage(host: string, reason: string): string {
  return `Could not reach Copydesk's host at ${host} (${reason}): is it still running?`
}
