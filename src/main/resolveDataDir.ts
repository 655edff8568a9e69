import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { AppError } from '../shared/ipc/AppError'

/**
 * Where the article store lives: `--data-dir DIR` (or `--data-dir=DIR`), else COPYDESK_DATA_DIR,
 * else the `data` folder inside the app's per-user folder (Electron's userData). A `--data-dir`
 * without its folder is refused rather than read as the default desk or as a folder named after the
 * next flag.
 */
export function resolveDataDir(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  userDataDir = defaultUserDataDir(env),
): string {
  const fromArgs = readFlag(argv, '--data-dir')
  if (
    argv.some((arg) => arg === '--data-dir' || arg.startsWith('--data-dir=')) &&
    !isValue(fromArgs)
  )
    throw new AppError(
      'INVALID_INPUT',
      '--data-dir needs a folder, e.g. --data-dir ~/copydesk-data.',
    )
  if (fromArgs) return resolve(fromArgs)
  const fromEnv = env['COPYDESK_DATA_DIR']
  if (fromEnv) return resolve(fromEnv)
  return join(userDataDir, 'data')
}

function isValue(text: string | undefined): text is string {
  return text !== undefined && text.trim() !== '' && !text.startsWith('-')
}

/** The value of `--name VALUE` or `--name=VALUE`, if present. */
export function readFlag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]
    if (arg === name) return argv[i + 1]
    if (arg?.startsWith(`${name}=`)) return arg.slice(name.length + 1)
  }
  return undefined
}

/** The same folder Electron's app.getPath('userData') gives for an app named "copydesk". */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv,
  platform = process.platform,
  home = homedir(),
): string {
  if (platform === 'win32')
    return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'copydesk')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'copydesk')
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'copydesk')
}
