import type { RawApi } from '../../shared/ipc/Api'
import type { MenuCommand } from '../../shared/ipc/methods'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host, where api.ts talks HTTP instead. */
    api?: RawApi & { onMenuCommand: (listener: (command: MenuCommand) => void) => () => void }
  }
}
