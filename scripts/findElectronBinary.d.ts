/** The Electron executable, or the reason there is none. */
export function findElectronBinary(): { path: string } | { missing: string }
