import { contextBridge, ipcRenderer } from 'electron'
import {
  CALL_CHANNEL,
  MENU_CHANNEL,
  MENU_COMMANDS,
  OPENED_FILES_CHANNEL,
  TAKE_OPENED_FILES_CHANNEL,
  type MenuCommand,
  type OpenedFile,
} from '../shared/ipc/channels'

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
  /** Takes the files waiting in main now, and again each time main says more came. */
  onOpenedFile(listener: (file: OpenedFile) => void): () => void {
    const take = (): void => {
      ipcRenderer.invoke(TAKE_OPENED_FILES_CHANNEL).then(
        (files: unknown) => {
          if (Array.isArray(files)) for (const file of files) if (isOpenedFile(file)) listener(file)
        },
        () => undefined,
      )
    }
    ipcRenderer.on(OPENED_FILES_CHANNEL, take)
    take()
    return () => ipcRenderer.off(OPENED_FILES_CHANNEL, take)
  },
})

function isOpenedFile(value: unknown): value is OpenedFile {
  if (typeof value !== 'object' || value === null) return false
  const name: unknown = Reflect.get(value, 'name')
  const content: unknown = Reflect.get(value, 'content')
  const error: unknown = Reflect.get(value, 'error')
  return typeof name === 'string' && (typeof content === 'string' || typeof error === 'string')
}
