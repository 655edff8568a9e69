import { chmod, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { rawRequest } from '../testing/rawRequest'
import { tempDir } from '../testing/tempDir'
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
    const opened = await openInBrowser(launch.url, { COPYDESK_BROWSER: browser.command })
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

  it('opens only the host’s own address', async () => {
    await expect(openInBrowser('file:///etc/passwd', {})).rejects.toThrow(/Only the host/)
  })
})
