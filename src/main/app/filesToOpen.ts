import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isSwitch, launchArgs } from './launchArgs'

/** Our own switches that take their value as the next argument. */
const SWITCHES_WITH_VALUE = new Set(['--data-dir'])

/**
 * The files a launch asks the app to open, as absolute paths: from the first start's argv, a second
 * start's argv (`second-instance`, with its own working folder), or a desktop's `%U` file URL.
 * Chromium's and Electron's switches (`--no-sandbox`, `--allow-file-access-from-files`,
 * `--original-process-start-time=…`), macOS's `-psn_…`, our own `--data-dir DIR`, and addresses
 * that are not file URLs are not files. After `--` every argument is a file.
 */
export function filesToOpen(
  argv: readonly string[],
  defaultApp: boolean,
  workingDir: string,
): string[] {
  const files: string[] = []
  let switches = true
  const args = launchArgs(argv, defaultApp)
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? ''
    if (switches && arg === '--') {
      switches = false
      continue
    }
    if (switches && isSwitch(arg)) {
      if (SWITCHES_WITH_VALUE.has(arg)) i += 1
      continue
    }
    const path = asPath(arg, workingDir)
    if (path && !files.includes(path)) files.push(path)
  }
  return files
}

function asPath(arg: string, workingDir: string): string | null {
  if (arg.trim() === '' || arg.includes('\0')) return null
  if (/^file:/i.test(arg)) {
    try {
      return fileURLToPath(arg)
    } catch {
      return null
    }
  }
  // Another scheme (https:, copydesk:); a Windows drive letter (C:\) has only one letter before ':'.
  if (/^[a-z][a-z0-9+.-]+:/i.test(arg)) return null
  return isAbsolute(arg) ? resolve(arg) : resolve(workingDir, arg)
}
