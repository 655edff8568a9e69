import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type BrowserCommand = { command: string; args: string[] }

export type OpenedBrowser = {
  /** The page handed to the browser: a file only this user can read. */
  file: string
  /** Deletes the page and its folder (once its code is used, or when the host stops). */
  remove: () => Promise<void>
}

/**
 * Opens the app's launch address in the user's browser without putting it on a command line:
 * any local user can read another's command lines (`ps`, /proc), so the address, whose one-time
 * code is exchanged for the session, goes into a page in a folder only this user can open (0700,
 * the page 0600), and the browser is given that page's path. `COPYDESK_BROWSER` names another
 * program to open it with (given the path as its one argument).
 */
export async function openInBrowser(
  launchUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenedBrowser> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(launchUrl))
    throw new Error(`Only the host's own address is opened, not ${launchUrl}.`)
  const dir = await mkdtemp(join(tmpdir(), 'copydesk-launch-'))
  const file = join(dir, 'open-copydesk.html')
  await writeFile(file, launchPage(launchUrl), { mode: 0o600, flag: 'wx' })
  const { command, args } = browserCommand(file, env)
  const child = spawn(command, args, { detached: true, stdio: 'ignore' })
  child.on('error', () => undefined)
  child.unref()
  return { file, remove: () => rm(dir, { recursive: true, force: true }) }
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
