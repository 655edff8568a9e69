import { execFile, execFileSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from './deskTest'
import { expectSaved, signIn, startNewArticle, switchProfile } from './actions'
import { dropFile, media, paste } from './pictureActions'
import { FAKE_WP_PASSWORD, FAKE_WP_USER, FakeCms } from '../support/fakeCms'
import { exportProblems } from '../support/exportProblems'
import { wallClock } from '../../src/shared/domain/deskTime'

const ZONE = 'Asia/Kolkata'
let cms: FakeCms | undefined

test.afterEach(async () => {
  await cms?.stop()
  cms = undefined
})

function cli(dataDir: string, ...args: string[]): string {
  return execFileSync(process.execPath, ['out/main/cli.js', ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
  })
}

/**
 * Issue 16's whole journey in one story: a tagged photo dropped as the lead picture, its words
 * prefilled, the alt text the checks ask for, a pasted figure, an embargo, approval for the embargo's
 * time, a push that WordPress holds as a scheduled post and Copydesk sees go live, and both exports
 * valid. The times are whole minutes (what the desk types): the story waits for the next one that
 * leaves WordPress more than a minute of notice.
 */
test('a story with pictures under embargo is approved for its time, goes to WordPress scheduled, publishes, and exports valid', async ({
  page,
  desk,
}) => {
  test.setTimeout(300_000)
  cms = await new FakeCms().start()
  const password = join(desk.dataDir, 'wp-password.txt')
  await writeFile(password, `${FAKE_WP_PASSWORD}\n`)
  await promisify(execFile)(process.execPath, [
    'out/main/cli.js',
    ...['target', 'set', 'wordpress', '--url', cms.url, '--user', FAKE_WP_USER],
    ...['--status', 'publish', '--password-file', password, '--data-dir', desk.dataDir],
  ])
  cli(desk.dataDir, 'settings', 'set', 'timeZone', ZONE)
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page, 'Asha Rao', 'Writer')
  await startNewArticle(page, 'Café owners in Zürich reopen after the floods')

  // A staff photo dropped on the field: its caption and credit come from its IPTC, alt text never.
  const lead = page.getByRole('region', { name: 'Lead picture' })
  await dropFile(lead, 'iptc-utf8.jpg', 'image/jpeg')
  await expect(lead.getByLabel('Caption')).toHaveValue(/^Café owners in Zürich reopen/)
  await expect(lead.getByLabel('Credit')).toHaveValue('Agência Lusa')
  await expect(lead.getByLabel('Alt text')).toHaveValue('')
  const checks = page.getByRole('list', { name: 'Problems' })
  await checks.getByRole('button', { name: /The lead picture has no alt text/ }).click()
  await expect(lead.getByLabel('Alt text')).toBeFocused()
  await lead.getByLabel('Alt text').fill('A café owner unstacks chairs on a wet terrace.')
  await expect(checks.getByRole('button', { name: /no alt text/ })).toHaveCount(0)

  // A picture pasted from a page, as a data: URL, becomes a figure in the body.
  await page.getByRole('textbox', { name: 'Article body' }).click()
  await page.keyboard.insertText('Owners opened their doors at nine, a week after the river rose.')
  const png = (await readFile(media('small.png'))).toString('base64')
  await paste(page, {
    'text/plain': 'The terrace',
    'text/html': `<p>The terrace</p><img src="data:image/png;base64,${png}">`,
  })
  const figure = page.getByRole('group', { name: /^Picture:/ })
  await expect(figure).toHaveCount(1)
  await figure.getByLabel('Picture alt text').fill('Sandbags stacked by a café door.')
  await figure.getByLabel('Picture caption').fill('Sandbags are still by the doors.')
  await figure.getByLabel('Picture credit').fill('Reader photo')
  await expect(checks.getByRole('button', { name: /Picture 1/ })).toHaveCount(0)
  await page.getByLabel('Dateline place').fill('Zürich')
  await page.getByLabel('Dateline date').fill('2026-12-02')
  await page.getByLabel('Byline').fill('Asha Rao')
  await page.getByLabel('Byline').press('Enter')
  await expect(checks.getByRole('button', { name: /^Error/ })).toHaveCount(0)
  await expectSaved(page)
  await page
    .getByRole('group', { name: 'Workflow' })
    .getByRole('button', { name: 'Submit to desk' })
    .click()

  // The desk chief embargoes it for the next whole minute WordPress can be given a minute's notice
  // of, in the desk's zone, and approves it for that time.
  await switchProfile(page, 'Vikram Desk', 'Desk chief')
  const until = new Date(Math.ceil((Date.now() + 80_000) / 60_000) * 60_000)
  await page.getByText('Rights and embargo').click()
  const embargo = page.getByLabel(`Embargoed until (${ZONE})`)
  await embargo.fill(wallClock(until.toISOString(), ZONE))
  await embargo.press('Enter')
  const bar = page.getByRole('group', { name: 'Story' })
  await expect(bar).toContainText(/Embargoed until/)
  await expectSaved(page)
  // The preview says it is embargoed and shows both pictures.
  await page.getByRole('button', { name: 'Preview', exact: true }).click()
  const preview = page.getByRole('article', { name: 'Preview' })
  await expect(preview.getByRole('img', { name: /^A café owner unstacks/ })).toBeVisible()
  await expect(preview.getByRole('img', { name: 'Sandbags stacked by a café door.' })).toBeVisible()
  await expect(preview).toContainText(/Embargoed until/)
  await page.screenshot({ path: 'test-results/journey-preview-embargoed.png' })
  await page.getByRole('button', { name: 'Preview', exact: true }).click()
  await expect(preview).toHaveCount(0)

  await page.getByRole('button', { name: 'Approve for…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Approve for a time' })
  await expect(dialog.getByLabel(`Publication time (${ZONE})`)).toHaveValue(
    wallClock(until.toISOString(), ZONE),
  )
  await dialog.getByRole('button', { name: 'Approve for this time' }).click()
  await expect(bar).toContainText('Approved')
  await expect(bar).toContainText(/Scheduled for/)

  // Pushed now, WordPress gets a scheduled post with the pictures in its media library.
  await page.getByRole('tab', { name: 'Export' }).click()
  await page.getByRole('button', { name: 'Push to WordPress' }).click()
  const outbox = page.getByRole('list', { name: 'Outbox' })
  await expect(outbox).toContainText('WordPress: Sent to CMS (scheduled)')
  const [post] = [...cms.posts.values()]
  expect(post).toMatchObject({ status: 'future', dateGmt: until.toISOString().slice(0, 19) })
  expect(cms.wordpress.media.size).toBe(2)
  expect(post?.featuredMedia).toBeGreaterThan(0)
  expect(post?.content).toContain('<!-- wp:image')
  await expect(bar).toContainText('Approved')
  await page.screenshot({ path: 'test-results/journey-scheduled.png' })

  // WP-Cron never runs on a quiet site: at the time, Copydesk finds the post still waiting,
  // publishes it, and the story turns Published.
  await expect(outbox).toContainText('WordPress: Sent, live', { timeout: 150_000 })
  await expect(bar).toContainText('Published')
  expect([...cms.posts.values()][0]?.status).toBe('publish')
  await page.getByRole('tab', { name: 'History' }).click()
  await expect(page.getByRole('list', { name: 'Audit trail' })).toContainText('missed schedule')

  // Both exports of the published story are valid, pictures and embargo in them.
  const exportDir = join(desk.dataDir, 'exports')
  await page.getByRole('tab', { name: 'Export' }).click()
  await page.getByLabel('Export folder').fill(exportDir)
  await page.getByRole('button', { name: 'Export to folder' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Exported: / })).toBeVisible()
  await page.getByLabel('Format').selectOption('ninjs')
  await page.getByRole('button', { name: 'Export to folder' }).click()
  await expect(page.getByRole('status').filter({ hasText: /\.ninjs\.json$/ })).toBeVisible()
  const slug = 'cafe-owners-in-zurich-reopen-after-the-floods'
  const publish = JSON.parse(await readFile(join(exportDir, `${slug}.json`), 'utf8'))
  expect(exportProblems(`${slug}.json`, publish)).toEqual([])
  expect(publish).toMatchObject({
    final: true,
    embargo: until.toISOString(),
    leadImage: {
      credit: 'Agência Lusa',
      altText: 'A café owner unstacks chairs on a wet terrace.',
    },
  })
  const ninjs = JSON.parse(await readFile(join(exportDir, `${slug}.ninjs.json`), 'utf8'))
  expect(exportProblems(`${slug}.ninjs.json`, ninjs)).toEqual([])
  expect(ninjs).toMatchObject({
    embargoedUntil: until.toISOString(),
    associations: expect.arrayContaining([
      expect.objectContaining({
        name: 'featureimage',
        type: 'picture',
        copyrightHolder: 'Agência Lusa',
      }),
    ]),
  })
})
