import type { Api, RawApi } from '../../shared/ipc/Api'
import { AppError, type Envelope } from '../../shared/ipc/AppError'
import { fromMethods } from '../../shared/ipc/fromMethods'
import { HOST_RUN_HEADER } from '../../shared/ipc/HostSession'
import type { MenuCommand, MethodName } from '../../shared/ipc/methods'
import { noteHostRun, sessionToken } from './hostSession'

/**
 * The only door to main: window.api under Electron, the loopback host over HTTP in a browser
 * (with the token the tab got in with; see hostSession.ts).
 */
export const api: Api = wrap(window.api ?? httpApi())

/** Subscribes to the native menu; a no-op in the browser, where the page's own shortcuts apply. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.api ? window.api.onMenuCommand(listener) : () => undefined
}

export const isElectron = window.api !== undefined

function wrap(raw: RawApi): Api {
  return fromMethods<Api>((method) => unwrap(raw[method]))
}

function unwrap(call: (input: never) => Promise<Envelope<unknown>>) {
  // The input was typed by the caller; main re-validates it against the contract anyway.
  const untyped = call as (input: unknown) => Promise<Envelope<unknown>>
  return async (input: unknown): Promise<unknown> => {
    const envelope = await untyped(input)
    if (!envelope.ok)
      throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details)
    return envelope.value
  }
}

function httpApi(): RawApi {
  const call = async (method: MethodName, input: unknown): Promise<Envelope<unknown>> => {
    const token = sessionToken()
    if (!token) {
      return {
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message:
            'Open Copydesk with the link printed in the terminal: it carries the access token.',
        },
      }
    }
    try {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      })
      noteHostRun(response.headers.get(HOST_RUN_HEADER))
      return await response.json()
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return {
        ok: false,
        error: {
          code: 'IO',
          message: `Could not reach Copydesk's host (${reason}): is it still running?`,
        },
      }
    }
  }
  return fromMethods<RawApi>((method) => (input: unknown) => call(method, input))
}
