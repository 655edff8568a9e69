import type { MenuCommand, OpenedFile } from './channels'
import type { Transport } from './createClient'

/**
 * What the Electron preload exposes as window.api: one transport for every call, the menu, and the
 * files the system asked Copydesk to open (those already waiting are handed over on subscribing).
 */
export type PreloadApi = {
  call: Transport
  onMenuCommand: (listener: (command: MenuCommand) => void) => () => void
  onOpenedFile: (listener: (file: OpenedFile) => void) => () => void
}
