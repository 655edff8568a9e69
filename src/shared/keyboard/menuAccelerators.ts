/**
 * The desktop app's menu shortcuts, in Electron's accelerator syntax: the native menu takes its
 * accelerators from here and the renderer's shortcuts dialog lists them, so the two agree.
 */
export const MENU_ACCELERATORS = {
  newArticle: { label: 'File menu: New article', accelerator: 'CmdOrCtrl+N' },
  newWindow: { label: 'New window', accelerator: 'CmdOrCtrl+Shift+N' },
  import: { label: 'Import a file', accelerator: 'CmdOrCtrl+O' },
  settings: { label: 'Desk settings', accelerator: 'CmdOrCtrl+,' },
  closeArticle: { label: 'Close the article', accelerator: 'CmdOrCtrl+W' },
} as const

/** An accelerator as a person reads it: "Ctrl+Shift+N", or "⌘⇧N"-style "⌘Shift+N" on a Mac. */
export function acceleratorText(accelerator: string, mac: boolean): string {
  return accelerator.replace('CmdOrCtrl+', mac ? '⌘' : 'Ctrl+')
}
