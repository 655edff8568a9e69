import type { Envelope } from '../../shared/ipc/AppError'
import type { MenuCommand, OpenedFile } from '../../shared/ipc/channels'
import type { MethodName } from '../../shared/ipc/contract'
import { createClient, type Client } from '../../shared/ipc/createClient'
import { HOST_RUN_HEADER } from '../../shared/ipc/HostSession'
import { noteHostRun, sessionToken } from './hostSession'

/**
 * The only door to main: window.api under Electron, the loopback host over HTTP in a browser
 * (with the token the tab got in with; see hostSession.ts). Typed from the contract; a refusal
 * rejects with a CallError whose details `detailsOf` reads.
 */
export const api: Client = createClient(window.api?.call ?? httpTransport)

/** Subscribes to the native menu; a no-op in the browser, where the page's own shortcuts apply. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.api ? window.api.onMenuCommand(listener) : () => undefined
}

/** Files the system asked the desktop app to open; none in the browser, which has no such thing. */
export function onOpenedFile(listener: (file: OpenedFile) => void): () => void {
  return window.api ? window.api.onOpenedFile(listener) : () => undefined
}

export const isElectron = window.api !== undefined

async function httpTransport(method: MethodName, input: unknown): Promise<Envelope<unknown>> {
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
