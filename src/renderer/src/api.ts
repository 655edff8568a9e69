import type { Api, RawApi } from '../../shared/ipc/Api'
import { AppError, type Envelope } from '../../shared/ipc/AppError'
import { fromMethods } from '../../shared/ipc/fromMethods'
import type { MenuCommand, MethodName } from '../../shared/ipc/methods'

const TOKEN_KEY = 'copydesk:token'

/** The only door to main: window.api under Electron, the loopback host over HTTP in a browser. */
export const api: Api = wrap(window.api ?? httpApi(takeToken()))

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

/** Reads the access token from the address (#token=...) once, then keeps it for this tab only. */
function takeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    history.replaceState(null, '', window.location.pathname + window.location.search)
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

function httpApi(token: string | null): RawApi {
  const call = async (method: MethodName, input: unknown): Promise<Envelope<unknown>> => {
    if (!token) {
      return {
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message:
            'Open Copydesk with the link printed by `npm run web`: it carries the access token.',
        },
      }
    }
    try {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      })
      return await response.json()
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return {
        ok: false,
        error: {
          code: 'IO',
          message: `Copydesk's browser host is not reachable (${reason}). Is it still running?`,
        },
      }
    }
  }
  return fromMethods<RawApi>((method) => (input: unknown) => call(method, input))
}
