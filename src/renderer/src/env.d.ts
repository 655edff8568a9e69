import type { PreloadApi } from '../../shared/ipc/PreloadApi'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host, where api.ts talks HTTP instead. */
    api?: PreloadApi
  }
}
