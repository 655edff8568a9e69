import {
  CHECK_PATH,
  HOST_RUN_HEADER,
  HostCheck,
  HostSessionInfo,
  LAUNCH_PATH,
} from '../../shared/ipc/HostSession'
import {
  decideFromRun,
  decideHostState,
  decideLaunch,
  type CheckAnswer,
  type HostState,
} from './decideHostState'

export type { HostState } from './decideHostState'

const TOKEN_KEY = 'copydesk:token'
const RUN_KEY = 'copydesk:run'
/** How often an open tab asks whether its host is still the one it signed in to. */
export const RECHECK_MS = 45_000

let state: HostState = { kind: 'connecting' }
const listeners = new Set<() => void>()
let started = false

function setState(next: HostState): void {
  if (next === state) return
  state = next
  for (const listener of listeners) listener()
}

export function hostState(): HostState {
  return state
}

export function subscribeHostState(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The session token this tab holds (sessionStorage: this tab only, gone when it closes). */
export function sessionToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY)
}

/**
 * Every answer names the host's run; an answer from another run than the one this tab signed in
 * to means the host was restarted, and this tab's token and everything on screen are stale.
 */
export function noteHostRun(runId: string | null): void {
  setState(decideFromRun(state, runId, sessionStorage.getItem(RUN_KEY)))
}

/**
 * Gets the tab in, once: from a launch code (`#code=`, exchanged once for the token), a token
 * (`#token=`, the printed link), or the token this tab already holds; and again whenever a new
 * link is opened in this tab, which changes only the address fragment and does not reload. Then
 * checks again when the tab comes back into view or gets focus, and every 45 s, so an idle tab
 * learns of a restart without waiting for a click.
 */
export function startHostSession(): void {
  if (started) return
  started = true
  window.addEventListener('hashchange', () => {
    if (/(?:^#|&)(?:token|code)=/.test(window.location.hash)) void connect()
  })
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void recheck()
  })
  window.addEventListener('focus', () => void recheck())
  setInterval(() => void recheck(), RECHECK_MS)
  void connect()
}

/** Tries again after the host did not answer. */
export function retryHostSession(): void {
  if (state.kind === 'ready') void recheck()
  else void connect()
}

async function connect(): Promise<void> {
  setState({ kind: 'connecting' })
  const { code, token } = takeFromAddress()
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token)
    sessionStorage.removeItem(RUN_KEY)
  }
  if (code) {
    const launched = await post(LAUNCH_PATH, { code })
    const session = launched.ok ? HostSessionInfo.safeParse(launched.body?.value) : null
    if (session?.success) {
      sessionStorage.setItem(TOKEN_KEY, session.data.token)
      sessionStorage.setItem(RUN_KEY, session.data.runId)
    }
    const refused = !session?.success && !launched.unreachable
    const held = refused && sessionToken() ? await checkHeld(state) : null
    return setState(
      decideLaunch(
        session?.success
          ? { kind: 'session', runId: session.data.runId }
          : launched.unreachable
            ? { kind: 'unreachable', reason: launched.unreachable }
            : { kind: 'refused', message: launched.message },
        held,
        window.location.host,
      ),
    )
  }
  setState(sessionToken() ? await checkHeld(state) : { kind: 'no-token' })
}

/** A tab that is in asks again; a restart found on the way shows at once. */
async function recheck(): Promise<void> {
  if (state.kind !== 'ready' || !sessionToken()) return
  setState(await checkHeld(state))
}

async function checkHeld(current: HostState): Promise<HostState> {
  const answer = await check()
  if (answer.kind === 'ok') sessionStorage.setItem(RUN_KEY, answer.runId)
  return decideHostState(current, answer, sessionStorage.getItem(RUN_KEY), window.location.host)
}

async function check(): Promise<CheckAnswer> {
  const answer = await post(CHECK_PATH, {}, sessionToken() ?? '')
  if (answer.unreachable) return { kind: 'unreachable', reason: answer.unreachable }
  const checked = answer.ok ? HostCheck.safeParse(answer.body?.value) : null
  if (checked?.success) return { kind: 'ok', runId: checked.data.runId }
  return { kind: 'refused', runId: answer.runId }
}

type Answer = {
  ok: boolean
  body: { value?: unknown } | null
  message: string
  runId: string | null
  unreachable: string | null
}

async function post(path: string, input: unknown, token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (token) headers['Authorization'] = `Bearer ${token}`
  let response: Response
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(input) })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, body: null, message: reason, runId: null, unreachable: reason }
  }
  const body: unknown = await response.json().catch(() => null)
  const envelope = typeof body === 'object' && body !== null ? body : null
  const message =
    envelope && 'error' in envelope && typeof envelope.error === 'object' && envelope.error
      ? String('message' in envelope.error ? envelope.error.message : '')
      : `The host answered ${response.status}.`
  return {
    ok: response.ok,
    body: envelope,
    message,
    runId: response.headers.get(HOST_RUN_HEADER),
    unreachable: null,
  }
}

/** Reads `#code=` or `#token=` from the address once and takes it out of the address and history. */
function takeFromAddress(): { code: string | null; token: string | null } {
  const hash = window.location.hash
  const code = /(?:^#|&)code=([^&]+)/.exec(hash)?.[1] ?? null
  const token = /(?:^#|&)token=([^&]+)/.exec(hash)?.[1] ?? null
  if (code || token)
    history.replaceState(null, '', window.location.pathname + window.location.search)
  return { code, token }
}
