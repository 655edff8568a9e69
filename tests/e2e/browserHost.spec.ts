import { execFileSync } from 'node:child_process'
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './deskTest'
import { signIn, startNewArticle, expectSaved } from './actions'
import {
  runWebHostToExit,
  startWebHost,
  type RunningHost,
} from '../../src/main/testing/startWebHost'
import { tempDir } from '../../src/main/testing/tempDir'

const shots = process.env['SCREENSHOTS']
const notice = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('heading') })

/** A stand-in for the user's browser: records what any user could see of its start, and the page. */
async function fakeBrowser(
  dir: string,
): Promise<{ env: NodeJS.ProcessEnv; saw: () => Promise<string> }> {
  const out = join(dir, 'browser-saw.txt')
  const command = join(dir, 'fake-browser.sh')
  await writeFile(
    command,
    [
      '#!/bin/sh',
      `{ echo "ARGS $*"; tr '\\0' ' ' < /proc/$$/cmdline; echo; ps -eo args; echo PAGE; cat "$1"; } > "${out}.part"`,
      `mv "${out}.part" "${out}"`,
    ].join('\n'),
  )
  await chmod(command, 0o755)
  return {
    env: { COPYDESK_BROWSER: command },
    saw: async () => {
      await expect
        .poll(() =>
          stat(out).then(
            () => true,
            () => false,
          ),
        )
        .toBe(true)
      return readFile(out, 'utf8')
    },
  }
}

test('npm start opens the browser on a one-time link through a private page: no token or code on any command line, and the link works once', async ({
  page,
  browser,
}) => {
  const dir = await tempDir('copydesk-e2e-')
  const stand = await fakeBrowser(dir.path)
  const host = await startWebHost(join(dir.path, 'data'), { args: ['--open'], env: stand.env })
  try {
    const saw = await stand.saw()
    const [commandLines = '', launchPage = ''] = saw.split('\nPAGE\n')
    const token = new URL(host.url).hash.slice('#token='.length)
    const launchUrl = /url=([^"]+)"/.exec(launchPage)?.[1] ?? ''
    const code = new URL(launchUrl).hash.slice('#code='.length)
    const file = /^ARGS (\S+)/.exec(commandLines)?.[1] ?? ''
    expect(token.length).toBeGreaterThan(20)
    expect(code.length).toBeGreaterThan(20)
    expect(file).toMatch(/open-copydesk\.html$/)
    // What `ps` shows every user while the browser starts: the private page's path, nothing secret.
    expect(commandLines).toContain(file)
    expect(commandLines).not.toContain(token)
    expect(commandLines).not.toContain(code)
    expect(host.output()).toContain('Opening your browser with a one-time link')

    // The browser opens the page: it leads into the app, with a session and no secret in the address.
    await page.goto(`file://${file}`)
    await signIn(page)
    await expect(page).toHaveURL(`${host.origin}/`)
    await startNewArticle(page, 'Opened from the launch link')
    await expectSaved(page)
    // The page is gone once its code was used.
    await expect
      .poll(() =>
        stat(file).then(
          () => 'there',
          () => 'gone',
        ),
      )
      .toBe('gone')

    // The same link a second time: refused, with a page that says why.
    const again = await browser.newPage()
    await again.goto(launchUrl)
    await expect(notice(again)).toContainText('This link was already used')
    await expect(again.getByRole('dialog', { name: 'Who is at this workstation?' })).toHaveCount(0)
    if (shots) await again.screenshot({ path: `${shots}/launch-link-used.png` })
    await again.close()
  } finally {
    await host.stop()
    await dir.cleanup()
  }
})

/** Stops the host and starts it again on the same address, as a person restarting `npm run web` does. */
async function restart(host: RunningHost): Promise<RunningHost> {
  await host.stop()
  return startWebHost(host.dataDir, { port: Number(new URL(host.origin).port) })
}

test('after a restart an open tab says so instead of showing a stale list; a tab without a token says how to get in, never the profile dialog', async ({
  page,
  browser,
  desk,
}) => {
  const first = await desk.start()
  await page.goto(first.url)
  await signIn(page)
  await startNewArticle(page, 'Written before the restart')
  await expectSaved(page)
  await page.getByRole('button', { name: 'Close article' }).click()

  const second = await restart(first)
  try {
    expect(second.origin).toBe(first.origin)
    expect(second.url).not.toBe(first.url)
    // The tab's next call meets the new run: the whole page says so, and the list is gone.
    await page.getByRole('button', { name: 'New article' }).first().click()
    await expect(notice(page)).toContainText('Copydesk was restarted: open the new link')
    await expect(page.getByRole('navigation', { name: 'Articles' })).toHaveCount(0)
    if (shots) await page.screenshot({ path: `${shots}/host-restarted.png` })
    // A reload of that tab: the same notice, not the first-start question.
    await page.reload()
    await expect(notice(page)).toContainText('Copydesk was restarted')
    await expect(page.getByRole('dialog', { name: 'Who is at this workstation?' })).toHaveCount(0)
    // Opening the new link in the same tab (only the fragment changes) gets back in.
    await page.goto(second.url)
    await expect(
      page.getByRole('navigation', { name: 'Articles' }).getByRole('link', {
        name: /Written before the restart/,
      }),
    ).toBeVisible()

    // A fresh tab on the bare address: how to get in.
    const bare = await browser.newPage()
    await bare.goto(`${second.origin}/`)
    await expect(notice(bare)).toContainText('Open Copydesk from its link')
    await expect(bare.getByRole('dialog', { name: 'Who is at this workstation?' })).toHaveCount(0)
    if (shots) await bare.screenshot({ path: `${shots}/host-no-token.png` })
    // A link from the earlier run in a fresh tab.
    await bare.goto(first.url)
    await bare.reload()
    await expect(notice(bare)).toContainText('This link does not open this Copydesk')
    await bare.close()
  } finally {
    await second.stop()
  }
})

test('the desk queue says the host cannot be reached, with no counts, and Retry asks again', async ({
  page,
  desk,
}) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page, 'Vikram Desk', 'Desk chief')
  await host.stop()
  await page.getByRole('button', { name: 'Desk queue' }).click()
  const failure = page.getByRole('alert').filter({ hasText: 'The desk queue could not be loaded' })
  await expect(failure).toContainText("Could not reach Copydesk's host")
  await expect(page.getByText(/Nothing is submitted/)).toHaveCount(0)
  await expect(
    page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: 'Submitted' }),
  ).toHaveText('Submitted')
  if (shots) await page.screenshot({ path: `${shots}/queue-unreachable.png` })
  // Back up (a new run): Retry reaches it, and the tab learns it must open the new link.
  const back = await startWebHost(host.dataDir, { port: Number(new URL(host.origin).port) })
  try {
    await failure.getByRole('button', { name: 'Retry' }).click()
    await expect(notice(page)).toContainText('Copydesk was restarted')
  } finally {
    await back.stop()
  }
})

test('a start that cannot happen says why in one sentence, without a stack trace', async () => {
  const dir = await tempDir('copydesk-e2e-')
  const squatter = createServer()
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve))
  const address = squatter.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const oneSentence = (result: { code: number | null; stderr: string }) => {
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).not.toMatch(/\n\s+at |errno|syscall/)
  }
  try {
    const taken = await runWebHostToExit([
      '--data-dir',
      join(dir.path, 'a'),
      '--port',
      String(port),
    ])
    oneSentence(taken)
    expect(taken.stderr.trim()).toBe(
      `Port ${port} is already in use: another Copydesk may be running; use --port 0 for any free port.`,
    )
    // The port refused, the data folder's lock is released: the same folder opens right away.
    const again = await startWebHost(join(dir.path, 'a'))
    await again.stop()

    await writeFile(join(dir.path, 'notes.txt'), 'a file')
    const blocked = await runWebHostToExit([
      '--data-dir',
      join(dir.path, 'notes.txt', 'desk'),
      '--port',
      '0',
    ])
    oneSentence(blocked)
    expect(blocked.stderr).toContain(`${join(dir.path, 'notes.txt')} is a file, not a folder`)

    const mount = join(dir.path, 'ro')
    await mkdir(mount)
    let mounted = true
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro', 'tmpfs', mount], { stdio: 'pipe' })
    } catch {
      mounted = false
    }
    if (mounted) {
      try {
        const readOnly = await runWebHostToExit(['--data-dir', mount, '--port', '0'])
        expect(readOnly.stderr).not.toMatch(/\n\s+at |errno|syscall/)
        // Either the store opens it read-only, or the host says in one sentence why it cannot.
        if (!readOnly.stdout.includes('Open: ')) {
          oneSentence(readOnly)
          expect(readOnly.stderr).toContain('is on a read-only disk')
        }
      } finally {
        execFileSync('umount', [mount])
        await rm(mount, { recursive: true, force: true })
      }
    } else {
      test.info().annotations.push({
        type: 'skipped part',
        description: 'cannot mount a read-only tmpfs here',
      })
    }
  } finally {
    squatter.close()
    await dir.cleanup()
  }
})
