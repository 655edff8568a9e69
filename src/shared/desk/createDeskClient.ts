import type { DeskCallDeclaration } from './DeskCallDeclaration'
import {
  DESK_CALL_NAMES,
  deskContract,
  type DeskCallName,
  type DeskInputOf,
  type DeskOutputOf,
} from './deskContract'
import { DeskError, DeskErrorBody } from './DeskError'

/** Per call: abort it (a long poll the caller no longer needs). */
export type DeskCallOptions = { signal?: AbortSignal }

/** One typed function per desk call: resolves with the parsed output or rejects with a DeskError. */
export type DeskClient = {
  [N in DeskCallName]: (
    input: DeskInputOf<N>,
    options?: DeskCallOptions,
  ) => Promise<DeskOutputOf<N>>
}

export type DeskClientOptions = {
  /** The desk's address, e.g. https://desk.example.org (a path prefix behind a proxy is kept). */
  baseUrl: string
  /** The fetch to use: the platform's, or a test's. */
  fetch: typeof fetch
  /** The device token to send, or null when not signed in (public calls only). */
  token: () => string | null | Promise<string | null>
}

/**
 * The desk API's client, derived from deskContract: a GET's input goes in the query string, a
 * POST's as a JSON body. The server's refusal is rethrown as a DeskError with its code, message and
 * details; a desk that cannot be reached is UNAVAILABLE naming the address; an answer whose shape
 * the contract refuses is INTERNAL (never handed on unchecked).
 */
export function createDeskClient(options: DeskClientOptions): DeskClient {
  const base = options.baseUrl.replace(/\/+$/, '')
  const calls = Object.fromEntries(
    DESK_CALL_NAMES.map((name) => {
      const call: DeskCallDeclaration = deskContract[name]
      return [
        name,
        (input: unknown, callOptions: DeskCallOptions = {}) =>
          callDesk(name, call, input, callOptions.signal),
      ]
    }),
  )

  async function callDesk(
    name: string,
    call: DeskCallDeclaration,
    input: unknown,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' }
    const token = call.access === 'public' ? null : await options.token()
    if (token !== null) headers.authorization = `Bearer ${token}`
    let url = `${base}${call.path}`
    let body: string | undefined
    if (call.method === 'GET') {
      const query = toQuery(input)
      if (query) url += `?${query}`
    } else {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(input ?? {})
    }
    let response: Response
    try {
      response = await options.fetch(url, {
        method: call.method,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(signal ? { signal } : {}),
      })
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      throw new DeskError('UNAVAILABLE', `Cannot reach the desk at ${base}: ${causeOf(error)}.`)
    }
    const text = await response.text().catch((error: unknown) => {
      if (signal?.aborted) throw signal.reason
      throw new DeskError(
        'UNAVAILABLE',
        `The desk at ${base} stopped answering: ${causeOf(error)}.`,
      )
    })
    const json = parseJson(text)
    if (!response.ok) {
      const refusal = DeskErrorBody.safeParse(json)
      if (refusal.success) {
        const { code, message, details } = refusal.data.error
        throw new DeskError(code, message, details)
      }
      // Not the desk's own answer: a proxy's error page, a server that is not a desk.
      throw new DeskError(
        response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL',
        `The desk at ${base} answered ${name} with HTTP ${response.status} and no desk error (is it a Copydesk desk server?).`,
      )
    }
    const output = call.output.safeParse(json)
    if (!output.success)
      throw new DeskError(
        'INTERNAL',
        `The desk at ${base} answered ${name} in a shape this Copydesk does not know (is it another version?).`,
      )
    return output.data
  }

  // Fetch is generic over the call; the per-call types are restored here, once. The server parsed
  // the input against the same contract, and the output was parsed above.
  return calls as DeskClient
}

function toQuery(input: unknown): string {
  if (typeof input !== 'object' || input === null) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item))
  }
  return params.toString()
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : null
    return code ? `${code} (${cause.message})` : cause.message
  }
  return String(cause)
}
