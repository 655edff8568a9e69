import { contextBridge, ipcRenderer } from 'electron'
import {
  channelOf,
  MENU_CHANNEL,
  MENU_COMMANDS,
  METHODS,
  type MenuCommand,
} from '../shared/ipc/methods'

const calls = Object.fromEntries(
  METHODS.map((method) => [
    method,
    (input: unknown) => ipcRenderer.invoke(channelOf(method), input),
  ]),
)

contextBridge.exposeInMainWorld('api', {
  ...calls,
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    const handler = (_event: unknown, command: unknown): void => {
      const known = MENU_COMMANDS.find((c) => c === command)
      if (known) listener(known)
    }
    ipcRenderer.on(MENU_CHANNEL, handler)
    return () => ipcRenderer.off(MENU_CHANNEL, handler)
  },
})
