import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The Electron executable, or the reason there is none. Never requires 'electron' itself: since
 * Electron 42 that tries to download the binary, which fails offline with a stack trace.
 * @returns {{ path: string } | { missing: string }}
 */
export function findElectronBinary() {
  const fromEnv = process.env['ELECTRON_EXEC_PATH']
  if (fromEnv)
    return existsSync(fromEnv)
      ? { path: fromEnv }
      : { missing: `ELECTRON_EXEC_PATH=${fromEnv} does not exist` }
  let packageDir
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      missing: 'the Electron binary has not been downloaded on this machine (no electron/path.txt)',
    }
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary)
    ? { path: binary }
    : { missing: `the Electron binary is missing at ${binary}` }
}
