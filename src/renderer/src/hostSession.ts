import {
  CHECK_PATH,
  HOST_RUN_HEADER,
  HostCheck,
  HostSessionInfo,
  LAUNCH_PATH,
} from '../../shared/ipc/HostSession'

/** Where this tab stands with the browser host. */
export type HostState =
  | { kind: 'connecting' }
  | { kind: 'ready' }
  /** The tab's token is from an earlier run of the host: it was restarted. */
  | { kind: 'restarted' }
  /** The address carried a token this host does not know (mistyped, or from an earlier run). */
  | { kind: 'wrong-token' }
  | { kind: 'no-token' }
  /** A launch link that was used, expired or unknown; the host's own words. */
  | { kind: 'link-refused'; message: string }
  | { kind: 'unreachable'; message: string }

const TOKEN_KEY = 'copydesk:token'
const RUN_KEY = 'copydesk:run'

let state: HostState = { kind: 'connecting' }
const listeners = new Set<() => void>()
let started = false

function setState(next: HostState): void {
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
  const known = sessionStorage.getItem(RUN_KEY)
  if (state.kind === 'ready' && runId && known && runId !== known) setState({ kind: 'restarted' })
}

/**
 * Gets the tab in, once: from a launch code (`#code=`, exchanged once for the token), a token
 * (`#token=`, the printed link), or the token this tab already holds; and again whenever a new
 * link is opened in this tab, which changes only the address fragment and does not reload.
 */
export function startHostSession(): void {
  if (started) return
  started = true
  window.addEventListener('hashchange', () => {
    if (/(?:^#|&)(?:token|code)=/.test(window.location.hash)) void connect()
  })
  void connect()
}

/** Tries again after the host did not answer. */
export function retryHostSession(): void {
  void connect()
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
      return setState({ kind: 'ready' })
    }
    if (!launched.ok && launched.unreachable) return setState(unreachable(launched.unreachable))
    // A tab that already holds a working session (Back to the used link) simply carries on.
    if (sessionToken() && (await check()).kind === 'ready') return setState({ kind: 'ready' })
    return setState({ kind: 'link-refused', message: launched.message })
  }
  setState(await check())
}

async function check(): Promise<HostState> {
  const held = sessionToken()
  if (!held) return { kind: 'no-token' }
  const answer = await post(CHECK_PATH, {}, held)
  if (answer.unreachable) return unreachable(answer.unreachable)
  const checked = answer.ok ? HostCheck.safeParse(answer.body?.value) : null
  if (checked?.success) {
    sessionStorage.setItem(RUN_KEY, checked.data.runId)
    return { kind: 'ready' }
  }
  const known = sessionStorage.getItem(RUN_KEY)
  return known && answer.runId && known !== answer.runId
    ? { kind: 'restarted' }
    : { kind: 'wrong-token' }
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

function unreachable(reason: string): HostState {
  return {
    kind: 'unreachable',
    message: `Could not reach Copydesk's host at ${window.location.host} (${reason}): is it still running?`,
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
