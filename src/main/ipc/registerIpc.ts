import { ipcMain, type WebFrameMain } from 'electron'
import { CALL_CHANNEL } from '../../shared/ipc/channels'
import type { Dispatcher } from './createDispatcher'

/**
 * Answers every contract call over Electron IPC, on one channel as (method, payload); the dispatcher
 * refuses a method the contract does not declare. Messages from any frame other than our own
 * top-level page (an iframe, a page navigated elsewhere) are refused before their payload is read.
 */
export function registerIpc(dispatch: Dispatcher, isOwnPage: (url: string) => boolean): void {
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, payload: unknown) => {
    if (!isTrustedFrame(event.senderFrame, isOwnPage)) {
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'This call did not come from the Copydesk window.' },
      }
    }
    return dispatch(typeof method === 'string' ? method : '', payload)
  })
}

/** True for our own top-level page; never an iframe or a page navigated elsewhere. */
export function isTrustedFrame(
  frame: WebFrameMain | null,
  isOwnPage: (url: string) => boolean,
): boolean {
  return frame !== null && frame.parent === null && isOwnPage(frame.url)
}
