import type { MenuCommand } from './channels'
import type { Transport } from './createClient'

/** What the Electron preload exposes as window.api: one transport for every call, and the menu. */
export type PreloadApi = {
  call: Transport
  onMenuCommand: (listener: (command: MenuCommand) => void) => () => void
}
