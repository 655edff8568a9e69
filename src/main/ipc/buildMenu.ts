import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron'
import { MENU_CHANNEL, type MenuCommand } from '../../shared/ipc/channels'

/** The native menu: File (New, Save, Close), the standard Edit items, View and Window. */
export function buildMenu(onNewWindow: () => void): Menu {
  const send = (command: MenuCommand) => () => {
    BrowserWindow.getFocusedWindow()?.webContents.send(MENU_CHANNEL, command)
  }
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Article', accelerator: 'CmdOrCtrl+N', click: send('new') },
        { label: 'New Window', accelerator: 'CmdOrCtrl+Shift+N', click: onNewWindow },
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: send('import') },
        { label: 'Desk Settings…', accelerator: 'CmdOrCtrl+,', click: send('settings') },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('save') },
        { label: 'Close Article', accelerator: 'CmdOrCtrl+W', click: send('close') },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}
