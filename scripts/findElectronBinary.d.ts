/**
 * The Electron executable (`packaged`: an installed Copydesk that starts its own app.asar), or
 * why there is none: `missing` (no Electron here) or `broken` (ELECTRON_EXEC_PATH names nothing).
 */
export function findElectronBinary():
  { path: string; packaged: boolean } | { missing: string } | { broken: string }
