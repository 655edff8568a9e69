import { app, BrowserWindow, ipcMain } from 'electron'
import { OPENED_FILES_CHANNEL, TAKE_OPENED_FILES_CHANNEL } from '../../shared/ipc/channels'
import { OpenedFiles } from '../app/OpenedFiles'
import { isTrustedFrame } from './registerIpc'

/**
 * Files the system asks Copydesk to open go to the import review of a window: macOS's open-file
 * (registered here, before ready, as macOS sends it during launch), and whatever the caller adds
 * (the first start's and a second start's arguments). Once the app can show a window, the first
 * one is brought forward and told to take them; with none open, a new one takes them as it starts.
 * Only our own page may take them.
 */
export function receiveOpenedFiles(
  isOwnPage: (url: string) => boolean,
  canShowWindow: () => boolean,
  createWindow: () => void,
): OpenedFiles {
  const files = new OpenedFiles(() => {
    if (!canShowWindow()) return
    const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
    if (!window) return createWindow()
    if (window.isMinimized()) window.restore()
    window.focus()
    window.webContents.send(OPENED_FILES_CHANNEL)
  })
  ipcMain.handle(TAKE_OPENED_FILES_CHANNEL, (event) =>
    isTrustedFrame(event.senderFrame, isOwnPage) ? files.take() : [],
  )
  app.on('open-file', (event, path) => {
    event.preventDefault()
    void files.add([path])
  })
  return files
}
