import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { basename, dirname, join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './deskTest'
import { signIn, startNewArticle, expectSaved } from './actions'
import { runWebHostToExit, startWebHost, type RunningHost } from '../support/startWebHost'
import { readOnlyMount } from '../support/readOnlyMount'
import { tempDir } from '../support/tempDir'

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
    // The launch page goes into the home folder (a snap browser cannot read /tmp): a test's own.
    env: { COPYDESK_BROWSER: command, HOME: dir },
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
    // Regression (H2): the page was under /tmp, where Ubuntu's snap Firefox and Chromium see a
    // /tmp of their own ("File not found"); now a non-hidden private folder in the home folder.
    expect(dirname(dirname(file))).toBe(dir.path)
    expect(basename(dirname(file))).toMatch(/^copydesk-launch-/)
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

/** What a browser does when the person comes back to a tab: it gets focus and shows. */
async function comeBack(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.dispatchEvent(new Event('visibilitychange'))
    window.dispatchEvent(new Event('focus'))
  })
}

test('after a restart an open tab says so instead of showing a stale list, even left idle; unsaved typing comes back from the new link; a tab without a token says how to get in, never the profile dialog', async ({
  page,
  browser,
  desk,
}) => {
  const first = await desk.start()
  await page.goto(first.url)
  await signIn(page)
  await startNewArticle(page, 'Written before the restart')
  await expectSaved(page)

  // Regression (M1): a tab left idle kept the old list and "Saved at…" after a restart until
  // someone clicked; it learns of it when the person comes back to it.
  const second = await restart(first)
  try {
    expect(second.origin).toBe(first.origin)
    expect(second.url).not.toBe(first.url)
    await comeBack(page)
    await expect(notice(page)).toContainText('Copydesk was restarted: open the new link')
    await expect(page.getByRole('navigation', { name: 'Articles' })).toHaveCount(0)
    await expect(page.getByRole('group', { name: 'Save state' })).toHaveCount(0)
    // A reload of that tab: the same notice, not the first-start question.
    await page.reload()
    await expect(notice(page)).toContainText('Copydesk was restarted')
    await expect(page.getByRole('dialog', { name: 'Who is at this workstation?' })).toHaveCount(0)

    // Opening the new link in the same tab (only the fragment changes) gets back in.
    await page.goto(second.url)
    const story = page.getByRole('navigation', { name: 'Articles' }).getByRole('link', {
      name: /Written before the restart/,
    })
    await story.click()
    await expect(page.getByLabel('Headline')).toHaveValue('Written before the restart')

    // The host goes away while the story is open: the story stays, a banner says so, typing goes on.
    await second.stop()
    await page.getByLabel('Deck').fill('Typed while the host was down')
    await expect(page.getByRole('group', { name: 'Save state' })).toContainText('Not saved')
    await comeBack(page)
    const down = page.getByRole('alert').filter({ hasText: 'Copydesk’s host is not answering' })
    await expect(down).toContainText('What you type is kept in this browser')
    await expect(page.getByLabel('Deck')).toHaveValue('Typed while the host was down')
    if (shots) await page.screenshot({ path: `${shots}/host-down.png` })

    // It comes back as a new run: the tab says so, and that the unsaved typing is kept (L7)...
    const third = await startWebHost(desk.dataDir, { port: Number(new URL(first.origin).port) })
    try {
      await comeBack(page)
      await expect(notice(page)).toContainText('Copydesk was restarted: open the new link')
      await expect(notice(page)).toContainText('Anything you typed that was not saved yet is kept')
      if (shots) await page.screenshot({ path: `${shots}/host-restarted.png` })
      // ...and it is: the new link, the story again, and the deck is there and saved.
      await page.goto(third.url)
      await story.click()
      await expect(page.getByLabel('Deck')).toHaveValue('Typed while the host was down')
      await expectSaved(page)

      // A fresh tab on the bare address: how to get in.
      const bare = await browser.newPage()
      await bare.goto(`${third.origin}/`)
      await expect(notice(bare)).toContainText('Open Copydesk from its link')
      await expect(bare.getByRole('dialog', { name: 'Who is at this workstation?' })).toHaveCount(0)
      if (shots) await bare.screenshot({ path: `${shots}/host-no-token.png` })
      // A link from an earlier run in a fresh tab.
      await bare.goto(first.url)
      await bare.reload()
      await expect(notice(bare)).toContainText('This link does not open this Copydesk')
      await bare.close()
    } finally {
      await third.stop()
    }
  } finally {
    await second.stop()
  }
})

// Regression (M7): any failure to read the profile was taken for "no profile yet": a tab with a
// valid token was asked the first-start question, and answering it overwrote the profile.
test('a profile that cannot be read is an error with Retry, never the first-start question', async ({
  page,
  desk,
}) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page, 'Vikram Desk', 'Desk chief')
  await page.route('**/api/getProfile', (route) => route.abort('failed'))
  await page.reload()
  const failure = page
    .getByRole('alert')
    .filter({ hasText: 'Copydesk could not read who is at this workstation' })
  await expect(failure).toBeVisible()
  await expect(page.getByRole('dialog', { name: 'Who is at this workstation?' })).toHaveCount(0)
  if (shots) await page.screenshot({ path: `${shots}/profile-failure.png` })
  await page.unroute('**/api/getProfile')
  await failure.getByRole('button', { name: 'Retry' }).click()
  await expect(failure).toHaveCount(0)
  await expect(
    page.getByRole('button', { name: /^Vikram Desk · .*, switch profile$/ }),
  ).toBeVisible()
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

    // Regression (M4): these were silently ignored (--port with no value used 5199), or opened
    // the real default desk (--data-dir with no value), or made a folder named "--port".
    for (const [args, problem] of [
      [['--port'], '--port needs a value.'],
      [['--data-dir'], '--data-dir needs a value.'],
      [['--data-dir', '--port', '0'], '--data-dir needs a value, and “--port” is a flag'],
      [['--data-dir', join(dir.path, 'b'), '--prot', '0'], "Unknown option '--prot'."],
    ] as const) {
      const wrong = await runWebHostToExit([...args])
      expect(wrong.code).toBe(2)
      expect(wrong.stderr.trim().split('\n')).toHaveLength(1)
      expect(wrong.stderr).toContain(problem)
      expect(wrong.stderr).toContain('Usage: npm run web -- [--data-dir DIR] [--port N] [--open]')
    }
    expect(await readdir(dir.path)).not.toContain('--port')

    // Regression (M2): a folder another user could write to was accepted.
    const shared = join(dir.path, 'shared')
    await mkdir(shared)
    await chmod(shared, 0o777)
    const open = await runWebHostToExit(['--data-dir', shared, '--port', '0'])
    oneSentence(open)
    expect(open.stderr).toContain(
      `Other users of this computer may write to the data folder ${shared}`,
    )
  } finally {
    squatter.close()
    await dir.cleanup()
  }
})

// Regression (L3): a browser program that does not exist still printed "Opening your browser…".
test('a browser that cannot be started is said in one line, pointing to the printed link', async () => {
  const dir = await tempDir('copydesk-e2e-')
  const missing = join(dir.path, 'no-such-browser')
  const host = await startWebHost(join(dir.path, 'data'), {
    args: ['--open'],
    env: { COPYDESK_BROWSER: missing, HOME: dir.path },
  })
  try {
    await expect
      .poll(() => host.output())
      .toContain(
        `  Could not open a browser: COPYDESK_BROWSER names ${missing}, which does not exist. Open the link above.`,
      )
    expect(host.output()).not.toContain('Opening your browser')
  } finally {
    await host.stop()
    await dir.cleanup()
  }
})

// From the store's section: on a read-only folder the write buttons were still offered (and
// clicking them showed the refusal), and the host's startup did not say it was read-only.
test('a read-only data folder: the host says so when it starts, and the app offers no writing', async ({
  page,
}) => {
  const mount = await readOnlyMount()
  if ('missing' in mount) return test.skip(true, mount.missing)
  try {
    const data = join(mount.path, 'data')
    const writer = await startWebHost(data)
    await page.goto(writer.url)
    await signIn(page)
    await startNewArticle(page, 'Filed before the disk went read-only')
    await expectSaved(page)
    await writer.stop()
    mount.makeReadOnly()

    const host = await startWebHost(data)
    try {
      await expect
        .poll(() => host.output())
        .toMatch(/ {2}Read-only: .*read-only disk.* You can read stories; nothing can be saved\./)
      await page.goto(host.url)
      await expect(page.getByRole('alert', { name: 'Read-only data folder' })).toBeVisible()
      const reason = /Read-only data folder: nothing can be saved\./
      for (const button of [
        page.getByRole('button', { name: 'New article' }).first(),
        page.getByRole('button', { name: 'Import…' }),
      ]) {
        await expect(button).toBeDisabled()
        await expect(button).toHaveAttribute('title', reason)
      }
      await page
        .getByRole('navigation', { name: 'Articles' })
        .getByRole('link', { name: /Filed before the disk went read-only/ })
        .click()
      await expect(page.getByLabel('Headline')).toHaveValue('Filed before the disk went read-only')
      const spike = page.getByRole('group', { name: 'Workflow' }).getByRole('button', {
        name: 'Spike',
      })
      await expect(spike).toBeDisabled()
      await expect(spike).toHaveAccessibleDescription(reason)
      if (shots) await page.screenshot({ path: `${shots}/read-only-folder.png` })
    } finally {
      await host.stop()
    }
  } finally {
    await mount.release()
  }
})
