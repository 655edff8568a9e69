import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LaunchCodes } from './LaunchCodes'
import type { OpenedBrowser } from './openInBrowser'
import { openLaunchPage } from './openLaunchPage'

/** The launch side of a host: real one-time codes, and a way for the "browser" to use one. */
function fakeHost() {
  const codes = new LaunchCodes()
  let last = ''
  return {
    launch: (ttlMs?: number, onUsed?: () => void) => {
      const issued = codes.issue(ttlMs ?? 60_000, onUsed)
      last = issued.code
      return { ...issued, url: `http://127.0.0.1:5199/#code=${issued.code}` }
    },
    useCode: () => codes.redeem(last),
  }
}

function browser(exit: Promise<number | null> = new Promise(() => undefined)) {
  let removed = 0
  const opened: OpenedBrowser = {
    file: '/home/asha/copydesk-launch-x/open-copydesk.html',
    command: 'xdg-open',
    exited: exit,
    remove: async () => {
      removed += 1
    },
  }
  return { opened, removed: () => removed }
}

let lines: string[]
beforeEach(() => {
  vi.useFakeTimers()
  lines = []
})
afterEach(() => vi.useRealTimers())
const print = (line: string) => lines.push(line)

describe('opening the browser on a launch link', () => {
  // Regression (H2): where the browser could not read the page (a snap browser and /tmp), the
  // terminal said "Opening your browser…" and nothing more, while the tab showed "File not found".
  it('says to use the printed link when the code is still unused after 20 s', async () => {
    const host = fakeHost()
    const b = browser()
    await openLaunchPage(host, { open: async () => b.opened, print })
    expect(lines).toEqual([
      '  Opening your browser with a one-time link (if none opens, use the link above).',
    ])
    await vi.advanceTimersByTimeAsync(20_000)
    expect(lines.at(-1)).toBe(
      '  Your browser has not opened Copydesk after 20 s (a snap or Flatpak browser may not be allowed to read the launch page): open the link above.',
    )
    expect(lines).toHaveLength(2)
  })

  it('says nothing more once the browser used the code, and deletes the page', async () => {
    const host = fakeHost()
    const b = browser(Promise.resolve(0))
    await openLaunchPage(host, { open: async () => b.opened, print })
    expect(host.useCode()).toEqual({ ok: true })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(lines).toHaveLength(1)
    expect(b.removed()).toBeGreaterThanOrEqual(1)
  })

  // Regression (L3): a launcher that found no browser (xdg-open exits non-zero) went unreported.
  it('says so at once when the launcher exits with an error, and only once', async () => {
    const host = fakeHost()
    const b = browser(Promise.resolve(3))
    await openLaunchPage(host, { open: async () => b.opened, print })
    await vi.advanceTimersByTimeAsync(0)
    expect(lines.at(-1)).toBe(
      '  xdg-open could not open a browser (it exited with 3): open the link above.',
    )
    await vi.advanceTimersByTimeAsync(30_000)
    expect(lines).toHaveLength(2)
  })

  it('says in one line why no browser could be started', async () => {
    await openLaunchPage(fakeHost(), {
      open: () =>
        Promise.reject(new Error('COPYDESK_BROWSER names /opt/nope, which does not exist')),
      print,
    })
    expect(lines).toEqual([
      '  Could not open a browser: COPYDESK_BROWSER names /opt/nope, which does not exist. Open the link above.',
    ])
  })
})
