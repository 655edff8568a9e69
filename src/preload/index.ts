import { contextBridge, ipcRenderer } from 'electron'
import { CALL_CHANNEL, MENU_CHANNEL, MENU_COMMANDS, type MenuCommand } from '../shared/ipc/channels'

contextBridge.exposeInMainWorld('api', {
  /** Every contract call, on one channel; main checks the method and its input. */
  call(method: string, input: unknown): Promise<unknown> {
    return ipcRenderer.invoke(CALL_CHANNEL, method, input)
  },
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    const handler = (_event: unknown, command: unknown): void => {
      const known = MENU_COMMANDS.find((c) => c === command)
      if (known) listener(known)
    }
    ipcRenderer.on(MENU_CHANNEL, handler)
    return () => ipcRenderer.off(MENU_CHANNEL, handler)
  },
})
