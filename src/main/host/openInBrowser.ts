import { spawn } from 'node:child_process'

/** Opens `url` in the system browser; only http(s), and never through a shell. */
export function openInBrowser(url: string): void {
  if (!/^https?:\/\//i.test(url)) return
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]]
  const child = spawn(command, args, { detached: true, stdio: 'ignore' })
  child.on('error', () => undefined)
  child.unref()
}
