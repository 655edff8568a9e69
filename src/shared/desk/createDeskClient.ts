import type { DeskCallDeclaration } from './DeskCallDeclaration'
import {
  DESK_CALL_NAMES,
  deskContract,
  type DeskCallName,
  type DeskContract,
  type DeskInputOf,
  type DeskOutputOf,
} from './deskContract'
import { DeskError, DeskErrorBody } from './DeskError'
import { DESK_TIMEOUTS, describeWait, type DeskTimeouts } from './DeskTimeouts'

/**
 * Per call: abort it (a long poll the caller no longer needs), or wait for its answer for another
 * time than the client's own limit.
 */
export type DeskCallOptions = { signal?: AbortSignal; timeoutMs?: number }

/** A stream call: each event, parsed, as it arrives; and abort it. */
export type DeskStreamOptions<O> = { signal?: AbortSignal; onEvent: (event: O) => void }

/**
 * One typed function per desk call: resolves with the parsed output or rejects with a DeskError. A
 * stream call hands each event to `onEvent` and resolves when the server ends the stream (the caller
 * follows again), or rejects with the DeskError that ended it.
 */
export type DeskClient = {
  [N in DeskCallName]: DeskContract[N] extends { stream: true }
    ? (input: DeskInputOf<N>, options: DeskStreamOptions<DeskOutputOf<N>>) => Promise<void>
    : (input: DeskInputOf<N>, options?: DeskCallOptions) => Promise<DeskOutputOf<N>>
}

export type DeskClientOptions = {
  /** The desk's address, e.g. https://desk.example.org (a path prefix behind a proxy is kept). */
  baseUrl: string
  /** The fetch to use: the platform's, or a test's. */
  fetch: typeof fetch
  /** The device token to send, or null when not signed in (public calls only). */
  token: () => string | null | Promise<string | null>
  /** How long to wait for the desk (DESK_TIMEOUTS unless told; tests pass short ones). */
  timeouts?: Partial<DeskTimeouts>
}

/**
 * The desk API's client, derived from deskContract: a GET's input goes in the query string, a
 * POST's as a JSON body. The server's refusal is rethrown as a DeskError with its code, message and
 * details; a desk that cannot be reached, or does not answer within its time, is UNAVAILABLE naming
 * the address, with details `{ unanswered: true }`; an answer whose shape the contract refuses is
 * INTERNAL (never handed on unchecked).
 */
export function createDeskClient(options: DeskClientOptions): DeskClient {
  const base = options.baseUrl.replace(/\/+$/, '')
  const timeouts = { ...DESK_TIMEOUTS, ...options.timeouts }
  const calls = Object.fromEntries(
    DESK_CALL_NAMES.map((name) => {
      const call: DeskCallDeclaration = deskContract[name]
      return [
        name,
        (input: unknown, callOptions: DeskCallOptions & Partial<DeskStreamOptions<unknown>> = {}) =>
          callDesk(name, call, input, callOptions),
      ]
    }),
  )

  async function callDesk(
    name: string,
    call: DeskCallDeclaration,
    input: unknown,
    callOptions: DeskCallOptions & Partial<DeskStreamOptions<unknown>>,
  ): Promise<unknown> {
    const callerSignal = callOptions.signal
    const limitMs = call.stream
      ? timeouts.streamSilenceMs
      : (callOptions.timeoutMs ?? (call.slow ? timeouts.slowCallMs : timeouts.callMs))
    // Its own controller cuts the call at its limit (a stream: once it falls silent), and when the
    // caller gives it up: a listener taken off at the end, where AbortSignal.any would tie every call
    // to a caller's long-lived signal (the sync engine's) until that one is collected.
    const deadline = new AbortController()
    const signal = deadline.signal
    const givenUp = () => deadline.abort()
    /** Why the call failed: the caller gave it up, the desk did not answer in time, or `otherwise`. */
    const failure = (otherwise: () => DeskError): unknown => {
      if (callerSignal?.aborted) return callerSignal.reason
      if (deadline.signal.aborted)
        return new DeskError(
          'UNAVAILABLE',
          `The desk at ${base} did not answer ${name} within ${describeWait(limitMs)}.`,
          { unanswered: true },
        )
      return otherwise()
    }
    const request = await requestOf(call, input)
    const timer = setTimeout(() => deadline.abort(), limitMs)
    callerSignal?.addEventListener('abort', givenUp)
    if (callerSignal?.aborted) deadline.abort()
    try {
      let response: Response
      try {
        response = await options.fetch(request.url, { ...request.init, signal })
      } catch (error) {
        // Nothing answered at all (refused, no route, no name): `unanswered` lets a caller retry soon.
        throw failure(
          () =>
            new DeskError('UNAVAILABLE', `Cannot reach the desk at ${base}: ${causeOf(error)}.`, {
              unanswered: true,
            }),
        )
      }
      if (response.status >= 300 && response.status < 400)
        throw new DeskError(
          'UNAVAILABLE',
          `The desk at ${base} answered ${name} with a redirect (HTTP ${response.status}${redirectTarget(response)}): Copydesk does not follow redirects; use the desk's own address.`,
        )
      if (call.stream && response.ok && response.body !== null) {
        // The stream has started: from here its silence is timed line by line.
        clearTimeout(timer)
        const onEvent = callOptions.onEvent ?? (() => {})
        return await readStream(name, call, response.body, deadline, callerSignal, onEvent)
      }
      // The answer's body is read under the same limit: a desk can send headers and stall.
      const text = await response.text().catch((error: unknown) => {
        throw failure(
          () =>
            new DeskError(
              'UNAVAILABLE',
              `The desk at ${base} stopped answering: ${causeOf(error)}.`,
            ),
        )
      })
      return answerOf(name, call, response, text)
    } finally {
      clearTimeout(timer)
      callerSignal?.removeEventListener('abort', givenUp)
    }
  }

  /** The request a call makes: a GET's input in the query string, a POST's as a JSON body. */
  async function requestOf(
    call: DeskCallDeclaration,
    input: unknown,
  ): Promise<{ url: string; init: RequestInit }> {
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
    return {
      url,
      init: {
        method: call.method,
        headers,
        // Never followed: a redirect could take the password or token over plain http, or to
        // another host, past the address check the workstation made when it joined.
        redirect: 'manual',
        ...(body === undefined ? {} : { body }),
      },
    }
  }

  /** The desk's answer: its output as the contract parses it, or its refusal as a DeskError. */
  function answerOf(
    name: string,
    call: DeskCallDeclaration,
    response: Response,
    text: string,
  ): unknown {
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

  /** Each line of a stream: a keep-alive (blank), an event, or the error that ends it. */
  async function readStream(
    name: string,
    call: DeskCallDeclaration,
    body: ReadableStream<Uint8Array>,
    silence: AbortController,
    callerSignal: AbortSignal | undefined,
    onEvent: (event: unknown) => void,
  ): Promise<void> {
    const reader = body.getReader()
    const decoder = new TextDecoder()
    let timer: ReturnType<typeof setTimeout> | undefined
    const heard = () => {
      clearTimeout(timer)
      timer = setTimeout(() => silence.abort(), timeouts.streamSilenceMs)
    }
    let pending = ''
    try {
      heard()
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>
        try {
          chunk = await reader.read()
        } catch (error) {
          if (callerSignal?.aborted) throw callerSignal.reason
          throw new DeskError(
            'UNAVAILABLE',
            silence.signal.aborted
              ? `The desk at ${base} went silent on ${name} (no keep-alive for ${describeWait(timeouts.streamSilenceMs)}).`
              : `The desk at ${base} stopped answering: ${causeOf(error)}.`,
          )
        }
        if (chunk.done) return
        heard()
        pending += decoder.decode(chunk.value, { stream: true })
        const lines = pending.split('\n')
        pending = lines.pop() ?? ''
        for (const line of lines) if (line.trim() !== '') onEvent(parseStreamLine(name, call, line))
      }
    } finally {
      clearTimeout(timer)
      reader.releaseLock()
      silence.abort()
    }
  }

  function parseStreamLine(name: string, call: DeskCallDeclaration, line: string): unknown {
    const json = parseJson(line)
    // Checked for an error line only when it has an `error` key: a failed parse costs more than a
    // page's own check, and a stream is mostly pages.
    const refusal =
      typeof json === 'object' && json !== null && 'error' in json
        ? DeskErrorBody.safeParse(json)
        : null
    if (refusal?.success) {
      const { code, message, details } = refusal.data.error
      throw new DeskError(code, message, details)
    }
    const output = call.output.safeParse(json)
    if (!output.success)
      throw new DeskError(
        'INTERNAL',
        `The desk at ${base} sent ${name} a line in a shape this Copydesk does not know (is it another version?).`,
      )
    return output.data
  }

  // Fetch is generic over the call; the per-call types are restored here, once. The server parsed
  // the input against the same contract, and the output was parsed above.
  return calls as DeskClient
}

function redirectTarget(response: Response): string {
  const location = response.headers.get('location')
  return location === null ? '' : ` to ${location.slice(0, 200)}`
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
