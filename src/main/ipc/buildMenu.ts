import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron'
import { MENU_CHANNEL, type MenuCommand } from '../../shared/ipc/channels'
import { MENU_ACCELERATORS as KEYS } from '../../shared/keyboard/menuAccelerators'

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
        { label: 'New Article', accelerator: KEYS.newArticle.accelerator, click: send('new') },
        { label: 'New Window', accelerator: KEYS.newWindow.accelerator, click: onNewWindow },
        { label: 'Import…', accelerator: KEYS.import.accelerator, click: send('import') },
        {
          label: 'Desk Settings…',
          accelerator: KEYS.settings.accelerator,
          click: send('settings'),
        },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('save') },
        {
          label: 'Close Article',
          accelerator: KEYS.closeArticle.accelerator,
          click: send('close'),
        },
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
