import { spawn } from 'node:child_process'
import { lstat, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemClock } from '../../shared/domain/Clock'

export type BrowserCommand = { command: string; args: string[] }

export type OpenedBrowser = {
  /** The page handed to the browser: a file only this user can read. */
  file: string
  /** The program that was started to open it. */
  command: string
  /** How that program ended: a launcher such as xdg-open exits non-zero when it found no browser. */
  exited: Promise<number | null>
  /** Deletes the page and its folder (once its code is used, or when the host stops). */
  remove: () => Promise<void>
}

const FOLDER_PREFIX = 'copydesk-launch-'
const PAGE = 'open-copydesk.html'
/** A launch folder older than this was left by a host that was killed: its code is long dead. */
const STALE_MS = 10 * 60 * 1000

/**
 * Opens the app's launch address in the user's browser without putting it on a command line:
 * any local user can read another's command lines (`ps`, /proc), so the address, whose one-time
 * code is exchanged for the session, goes into a page in a folder only this user can open (0700,
 * the page 0600), and the browser is given that page's path. On Linux the folder is in the home
 * folder, not /tmp: Ubuntu's Firefox and Chromium are snaps, which see a /tmp of their own and may
 * read only non-hidden files under $HOME. `COPYDESK_BROWSER` names another program to open it with
 * (given the path as its one argument). Fails with one sentence when that program cannot be started.
 */
export async function openInBrowser(
  launchUrl: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<OpenedBrowser> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(launchUrl))
    throw new Error(`Only the host's own address is opened, not ${launchUrl}.`)
  const parent = await launchFolderParent(env, platform)
  await removeStaleFolders(parent)
  const dir = await mkdtemp(join(parent, FOLDER_PREFIX))
  const remove = () => rm(dir, { recursive: true, force: true })
  const file = join(dir, PAGE)
  await writeFile(file, launchPage(launchUrl), { mode: 0o600, flag: 'wx' })
  const { command, args } = browserCommand(file, env, platform)
  const child = spawn(command, args, { detached: true, stdio: 'ignore', env })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve)
      child.once('error', reject)
    })
  } catch (error) {
    await remove()
    throw new Error(cannotStart(command, error, Boolean(env['COPYDESK_BROWSER'])), {
      cause: error,
    })
  }
  child.unref()
  return { file, command, exited, remove }
}

/** Where the launch folder goes: the home folder on Linux and the BSDs, else the temp folder. */
async function launchFolderParent(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): Promise<string> {
  const home = env['HOME']
  if (platform === 'darwin' || platform === 'win32' || !home) return tmpdir()
  const info = await lstat(home).catch(() => null)
  return info?.isDirectory() ? home : tmpdir()
}

/** Launch folders a killed host left behind: only ours, only old, only holding the page. */
async function removeStaleFolders(parent: string): Promise<void> {
  const names = await readdir(parent).catch(() => [])
  for (const name of names) {
    if (!name.startsWith(FOLDER_PREFIX)) continue
    const dir = join(parent, name)
    const info = await lstat(dir).catch(() => null)
    if (!info?.isDirectory() || systemClock.now().getTime() - info.mtimeMs < STALE_MS) continue
    if (process.getuid && info.uid !== process.getuid()) continue
    const inside = await readdir(dir).catch(() => null)
    if (inside && inside.every((entry) => entry === PAGE)) await rm(dir, { recursive: true })
  }
}

function cannotStart(command: string, error: unknown, chosen: boolean): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : ''
  const named = chosen ? `COPYDESK_BROWSER names ${command}, which` : `${command}`
  if (code === 'ENOENT')
    return chosen
      ? `${named} does not exist`
      : `${command} was not found (install xdg-utils, or set COPYDESK_BROWSER to your browser)`
  if (code === 'EACCES') return `${named} cannot be run (no permission to execute it)`
  return `${named} could not be started (${code || String(error)})`
}

/** The program that opens `file` in the user's browser, and its arguments: never a shell. */
export function browserCommand(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): BrowserCommand {
  const chosen = env['COPYDESK_BROWSER']
  if (chosen) return { command: chosen, args: [file] }
  if (platform === 'darwin') return { command: 'open', args: [file] }
  if (platform === 'win32')
    return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', file] }
  return { command: 'xdg-open', args: [file] }
}

/** A page that sends the browser on to the launch address at once, with a link should it not. */
export function launchPage(launchUrl: string): string {
  const href = escapeHtml(launchUrl)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${href}">
<title>Opening Copydesk…</title>
</head>
<body style="font: 16px system-ui, sans-serif; margin: 3rem">
<p>Opening Copydesk… If nothing happens, <a href="${href}">open Copydesk</a>.</p>
</body>
</html>
`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
