import { chmod, mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { rawRequest } from '../../../tests/support/rawRequest'
import { tempDir } from '../../../tests/support/tempDir'
import { createWebHost, type WebHost } from './createWebHost'
import { browserCommand, openInBrowser } from './openInBrowser'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation
let host: WebHost

beforeEach(async () => {
  dir = await tempDir()
  ws = await openWorkstation({ dataDir: join(dir.path, 'data'), host: 'web', version: 'test' })
  host = await createWebHost({ dispatch: ws.dispatch, rendererDir: dir.path })
})
afterEach(async () => {
  await host.close()
  await ws.close()
  await dir.cleanup()
})

/**
 * A stand-in browser: records its own arguments, its command line as /proc shows it to every user,
 * and `ps` of every process on the machine while it runs, then the page it was given.
 */
async function fakeBrowser(): Promise<{ command: string; report: () => Promise<string[]> }> {
  const out = join(dir.path, 'browser-saw.txt')
  const command = join(dir.path, 'fake-browser.sh')
  await writeFile(
    command,
    [
      '#!/bin/sh',
      `{ printf 'ARGS %s\\n' "$*"; tr '\\0' ' ' < /proc/$$/cmdline; echo; ps -eo args; echo PAGE; cat "$1"; } > "${out}.part"`,
      `mv "${out}.part" "${out}"`,
    ].join('\n'),
  )
  await chmod(command, 0o755)
  const report = async () => {
    for (let i = 0; i < 200; i += 1) {
      try {
        return (await readFile(out, 'utf8')).split('\n')
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    }
    throw new Error('the fake browser was never started')
  }
  return { command, report }
}

describe('opening the browser (the `npm start` fallback)', () => {
  // Regression: the browser was started as `xdg-open http://127.0.0.1:5199/#token=…`, so any local
  // user could read the token with `ps` and drive the store.
  it('puts neither the token nor the launch code on any command line', async () => {
    const browser = await fakeBrowser()
    const launch = host.launch()
    const opened = await openInBrowser(launch.url, {
      ...process.env,
      COPYDESK_BROWSER: browser.command,
      HOME: dir.path,
    })
    const lines = await browser.report()
    const pageAt = lines.indexOf('PAGE')
    const commandLines = lines.slice(0, pageAt).join('\n')
    expect(lines[0]).toBe(`ARGS ${opened.file}`)
    expect(commandLines).toContain(opened.file)
    expect(commandLines).not.toContain(host.token)
    expect(commandLines).not.toContain(launch.code)
    // The page the browser was given leads to the launch address, and only its user can read it.
    expect(lines.slice(pageAt).join('\n')).toContain(`url=${launch.url}`)
    expect((await stat(opened.file)).mode & 0o777).toBe(0o600)
    expect((await stat(join(opened.file, '..'))).mode & 0o777).toBe(0o700)
    await opened.remove()
    await expect(stat(opened.file)).rejects.toThrow()
  })

  it('the code in the page opens one session, then is dead', async () => {
    const launch = host.launch()
    const post = () =>
      rawRequest(host.origin, '/session/launch', {
        method: 'POST',
        headers: { Origin: host.origin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: launch.code }),
      })
    expect(JSON.parse((await post()).body)).toMatchObject({
      ok: true,
      value: { token: host.token },
    })
    expect(JSON.parse((await post()).body)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/already used/) },
    })
  })

  it('hands the browser a file, never an address, on every platform', () => {
    const file = '/tmp/copydesk-launch-x/open-copydesk.html'
    expect(browserCommand(file, {}, 'linux')).toEqual({ command: 'xdg-open', args: [file] })
    expect(browserCommand(file, {}, 'darwin')).toEqual({ command: 'open', args: [file] })
    expect(browserCommand(file, {}, 'win32').args).toEqual(['url.dll,FileProtocolHandler', file])
  })

  // Regression (H2): the page was written under /tmp, which Ubuntu's snap Firefox and Chromium
  // cannot see ("File not found"); they may read only non-hidden files under $HOME.
  it('puts the page in a non-hidden private folder in the home folder on Linux', async () => {
    const browser = await fakeBrowser()
    const home = join(dir.path, 'home')
    await mkdir(home)
    const opened = await openInBrowser(
      host.launch().url,
      { ...process.env, COPYDESK_BROWSER: browser.command, HOME: home },
      'linux',
    )
    await browser.report()
    const folder = join(opened.file, '..')
    expect(join(folder, '..')).toBe(home)
    expect(basename(folder)).toMatch(/^copydesk-launch-/)
    expect((await stat(folder)).mode & 0o777).toBe(0o700)
    expect((await stat(opened.file)).mode & 0o777).toBe(0o600)
    await opened.remove()
    expect(await readdir(home)).toEqual([])
  })

  it('clears launch folders a killed host left in the home folder, and nothing else', async () => {
    const browser = await fakeBrowser()
    const home = join(dir.path, 'home')
    const left = join(home, 'copydesk-launch-old')
    const mine = join(home, 'copydesk-launch-notes')
    await mkdir(left, { recursive: true })
    await writeFile(join(left, 'open-copydesk.html'), 'dead code')
    await mkdir(mine)
    await writeFile(join(mine, 'notes.txt'), 'not ours to delete')
    const old = new Date(Date.now() - 60 * 60 * 1000)
    for (const path of [left, mine]) await utimes(path, old, old)
    const opened = await openInBrowser(
      host.launch().url,
      { ...process.env, COPYDESK_BROWSER: browser.command, HOME: home },
      'linux',
    )
    await browser.report()
    await opened.remove()
    expect(await readdir(home)).toEqual(['copydesk-launch-notes'])
  })

  // Regression (L3): a COPYDESK_BROWSER naming a missing program, or no xdg-open, still printed
  // "Opening your browser…" and nothing else.
  it('says in one sentence when the browser program cannot be started, and leaves no page', async () => {
    const home = join(dir.path, 'home')
    await mkdir(home)
    const missing = join(dir.path, 'no-such-browser')
    await expect(
      openInBrowser(host.launch().url, { COPYDESK_BROWSER: missing, HOME: home }, 'linux'),
    ).rejects.toThrow(`COPYDESK_BROWSER names ${missing}, which does not exist`)
    await expect(
      openInBrowser(host.launch().url, { ...process.env, HOME: home, PATH: dir.path }, 'linux'),
    ).rejects.toThrow(
      'xdg-open was not found (install xdg-utils, or set COPYDESK_BROWSER to your browser)',
    )
    expect(await readdir(home)).toEqual([])
  })

  it('opens only the host’s own address', async () => {
    await expect(openInBrowser('file:///etc/passwd', {})).rejects.toThrow(/Only the host/)
  })
})
