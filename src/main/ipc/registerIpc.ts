import { ipcMain, type WebFrameMain } from 'electron'
import { channelOf, METHODS } from '../../shared/ipc/methods'
import type { Dispatcher } from './createDispatcher'

/**
 * Answers every contract method over Electron IPC. Messages from any frame other than our own
 * top-level page (an iframe, a page navigated elsewhere) are refused before their payload is read.
 */
export function registerIpc(dispatch: Dispatcher, isOwnPage: (url: string) => boolean): void {
  for (const method of METHODS) {
    ipcMain.handle(channelOf(method), (event, payload: unknown) => {
      if (!isTrustedFrame(event.senderFrame, isOwnPage)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'This call did not come from the Copydesk window.' },
        }
      }
      return dispatch(method, payload)
    })
  }
}

function isTrustedFrame(frame: WebFrameMain | null, isOwnPage: (url: string) => boolean): boolean {
  return frame !== null && frame.parent === null && isOwnPage(frame.url)
}
