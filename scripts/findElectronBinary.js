import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'

/**
 * The Electron executable, or why there is none. Never requires 'electron' itself: since
 * Electron 42 that tries to download the binary, which fails offline with a stack trace.
 *
 * `missing`: no Electron on this machine, so callers may fall back (skip, browser mode).
 * `broken`: ELECTRON_EXEC_PATH names a file that is not there; someone asked for that binary, so
 * callers must fail rather than quietly test or start something else.
 * `packaged`: the binary is an installed Copydesk with its app.asar, which starts its own app and
 * would take a script path on its command line for a file to open.
 * @returns {{ path: string, packaged: boolean } | { missing: string } | { broken: string }}
 */
export function findElectronBinary() {
  const fromEnv = process.env['ELECTRON_EXEC_PATH']
  if (fromEnv)
    return existsSync(fromEnv)
      ? { path: fromEnv, packaged: isPackagedApp(fromEnv) }
      : { broken: `ELECTRON_EXEC_PATH=${fromEnv} does not exist` }
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
    ? { path: binary, packaged: false }
    : { missing: `the Electron binary is missing at ${binary}` }
}

/**
 * Where electron-builder puts app.asar: resources/ beside the executable on Linux and Windows,
 * Contents/Resources/ beside Contents/MacOS/ on macOS.
 * @param {string} executable
 */
function isPackagedApp(executable) {
  const folder = dirname(executable)
  const resources =
    basename(folder) === 'MacOS' ? join(dirname(folder), 'Resources') : join(folder, 'resources')
  return existsSync(join(resources, 'app.asar'))
}
