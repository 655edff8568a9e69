import type { WebHost } from './createWebHost'
import { LAUNCH_CODE_TTL_MS } from './createWebHost'
import type { OpenedBrowser } from './openInBrowser'
import { log } from '../log/log'

/** How long a browser may take to open the launch page before the host says to use the link. */
export const LAUNCH_NOTICE_MS = 20_000

export type LaunchPageOptions = {
  open: (launchUrl: string) => Promise<OpenedBrowser>
  /** One line of the host's output. */
  print: (line: string) => void
  noticeAfterMs?: number
}

/**
 * `--open`: opens the browser on a one-time launch code (never the token), through a page only this
 * user can read, deleted once its code is used or has expired. When no browser can be started, the
 * launcher says it found none, or the code is still unused after 20 s (a sandboxed snap or Flatpak
 * browser that may not read the page), one line says so and points to the printed link. Returns the
 * cleanup for when the host stops.
 */
export async function openLaunchPage(
  host: Pick<WebHost, 'launch'>,
  options: LaunchPageOptions,
): Promise<() => Promise<void>> {
  const { print, noticeAfterMs = LAUNCH_NOTICE_MS } = options
  let used = false
  let told = false
  let remove = async (): Promise<void> => undefined
  const tell = (line: string) => {
    if (used || told) return
    told = true
    print(line)
  }
  const launch = host.launch(LAUNCH_CODE_TTL_MS, () => {
    used = true
    void remove().catch(launchPageLeft)
  })
  let opened: OpenedBrowser
  try {
    opened = await options.open(launch.url)
  } catch (error) {
    print(
      `  Could not open a browser: ${error instanceof Error ? error.message : String(error)}. Open the link above.`,
    )
    return remove
  }
  remove = opened.remove
  print('  Opening your browser with a one-time link (if none opens, use the link above).')
  void opened.exited.then((code) => {
    if (code !== null && code !== 0)
      tell(
        `  ${opened.command} could not open a browser (it exited with ${code}): open the link above.`,
      )
  })
  setTimeout(
    () =>
      tell(
        `  Your browser has not opened Copydesk after ${Math.round(noticeAfterMs / 1000)} s (a snap or Flatpak browser may not be allowed to read the launch page): open the link above.`,
      ),
    noticeAfterMs,
  ).unref()
  setTimeout(() => void remove().catch(launchPageLeft), LAUNCH_CODE_TTL_MS).unref()
  return () => remove()
}

function launchPageLeft(error: unknown): void {
  log.warn('host', 'Could not remove the launch page', error)
}
