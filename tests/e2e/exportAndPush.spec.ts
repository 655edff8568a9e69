import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from './deskTest'
import { FAKE_TOKEN, FAKE_WP_PASSWORD, FAKE_WP_USER, FakeCms } from '../support/fakeCms'
import { expectSaved, signIn, switchProfile } from './actions'
import { exportProblems } from '../support/exportProblems'

const fixture = fileURLToPath(new URL('../fixtures/wire-india-japan-ties.txt', import.meta.url))
let cms: FakeCms | undefined

test.afterEach(async () => {
  await cms?.stop()
  cms = undefined
})

test('approve a story, export it to a folder, push it while the CMS is down, and watch it go out and publish', async ({
  page,
  desk,
}) => {
  cms = await new FakeCms().start()
  await cms.stop()
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page, 'Asha Rao', 'Writer')

  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import…' }).click()
  await (await chooser).setFiles(fixture)
  await page
    .getByRole('dialog', { name: 'Review import' })
    .getByRole('button', { name: 'Create article' })
    .click()
  await page
    .getByLabel('Headline')
    .fill('India, Japan forge stronger ties on AI, chips and security')
  await expectSaved(page)

  // A draft exports only as a preview, marked inside.
  const exportDir = join(desk.dataDir, 'exports')
  await page.getByRole('tab', { name: 'Export' }).click()
  await page.getByLabel('Export folder').fill(exportDir)
  await page.getByRole('button', { name: 'Export to folder' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'Exported as a preview (not approved)' }),
  ).toBeVisible()
  const preview = JSON.parse(
    await readFile(
      join(exportDir, 'india-japan-forge-stronger-ties-on-ai-chips-and-security.preview.json'),
      'utf8',
    ),
  )
  expect(preview).toMatchObject({ final: false, notice: expect.stringMatching(/not approved/) })
  expect(exportProblems('preview.json', preview)).toEqual([])

  await page
    .getByRole('group', { name: 'Workflow' })
    .getByRole('button', { name: 'Submit to desk' })
    .click()
  await switchProfile(page, 'Vikram Desk', 'Desk chief')
  await page
    .getByRole('group', { name: 'Workflow' })
    .getByRole('button', { name: 'Approve' })
    .click()
  await expect(page.getByRole('status', { name: 'Read-only' })).toContainText(
    'Approved by Vikram Desk',
  )

  // Export the approved story in both formats.
  await page.getByRole('tab', { name: 'Export' }).click()
  await page.getByRole('button', { name: 'Export to folder' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Exported: / })).toBeVisible()
  await page.getByLabel('Format').selectOption('ninjs')
  await page.getByRole('button', { name: 'Check export' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'Valid for IPTC ninjs 3.1.' }),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Export to folder' }).click()
  await expect(page.getByRole('status').filter({ hasText: /\.ninjs\.json$/ })).toBeVisible()
  const final = JSON.parse(
    await readFile(
      join(exportDir, 'india-japan-forge-stronger-ties-on-ai-chips-and-security.json'),
      'utf8',
    ),
  )
  expect(final).toMatchObject({
    final: true,
    approval: { by: 'Vikram Desk' },
    readingTime: { label: '2 min read' },
    comments: { minLength: 50 },
  })

  // Configure the webhook, then push while the CMS is down.
  await page.getByRole('button', { name: 'Desk settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Desk settings' })
  await settings.getByLabel('Webhook URL').fill(`${cms.url}/hook`)
  await settings.getByLabel('Webhook token').fill(FAKE_TOKEN)
  await settings.getByRole('button', { name: 'Save settings' }).click()
  await expect(settings).toBeHidden()
  await page.getByRole('button', { name: 'Push to webhook' }).click()
  const outbox = page.getByRole('list', { name: 'Outbox' })
  await expect(outbox).toContainText('Webhook: Failed')
  await expect(outbox).toContainText('ECONNREFUSED')
  await expect(outbox).toContainText('Next try at')
  // The line above the outbox says where to look; it does not repeat the item word for word.
  const pushed = page.getByRole('status').filter({ hasText: /^Not sent to Webhook/ })
  await expect(pushed).toHaveText('Not sent to Webhook: the outbox below says why.')

  // The CMS comes back: Retry now sends it, the old "Not sent" line goes, and the story is published.
  await cms.start()
  await outbox.getByRole('button', { name: 'Retry now' }).click()
  await expect(outbox).toContainText('Webhook: Sent', { timeout: 30_000 })
  await expect(pushed).toBeHidden()
  await expect(page.getByRole('group', { name: 'Story' })).toContainText('Published', {
    timeout: 10_000,
  })
  expect(cms.hooks.size).toBe(1)
  const [delivered] = [...cms.hooks.values()]
  expect(delivered).toMatchObject({ final: true, credit: 'IANS', status: 'approved' })
  await page.getByRole('tab', { name: 'History' }).click()
  await expect(page.getByRole('list', { name: 'Audit trail' })).toContainText(
    'Publish (Approved → Published)',
  )
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/published.png` })
})

/** The copydesk CLI on the same data folder, as a desk that automates would run it. */
function cli(dataDir: string, ...args: string[]): string {
  return execFileSync(process.execPath, ['out/main/cli.js', ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
  })
}

test('the desk chief exports every approved story from the queue in one go', async ({
  page,
  desk,
}) => {
  cli(desk.dataDir, 'profile', 'set', '--name', 'Asha Rao', '--role', 'writer')
  const { id: spiked } = JSON.parse(
    cli(desk.dataDir, 'create', '--headline', 'Set aside', '--json'),
  )
  cli(desk.dataDir, 'transition', spiked, 'spike')
  const first = JSON.parse(cli(desk.dataDir, 'import', fixture, '--create', '--json')).created.id
  cli(desk.dataDir, 'transition', first, 'submit')
  cli(desk.dataDir, 'profile', 'set', '--name', 'Vikram Desk', '--role', 'desk-chief')
  cli(desk.dataDir, 'transition', first, 'approve')
  const host = await desk.start()
  await page.goto(host.url)
  await expect(
    page.getByRole('button', { name: /^Vikram Desk · Desk chief, switch profile$/ }),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Desk queue' }).click()
  const batch = page.getByRole('region', { name: 'Export every approved story' })
  await batch.getByLabel('Export folder').fill(join(desk.dataDir, 'batch'))
  await batch.getByRole('button', { name: 'Export all approved' }).click()
  await expect(batch.getByRole('status')).toHaveText(/^Exported 1 approved story to /)
  const [file] = await readdir(join(desk.dataDir, 'batch'))
  const batched: unknown = JSON.parse(
    await readFile(join(desk.dataDir, 'batch', file ?? ''), 'utf8'),
  )
  expect(batched).toMatchObject({ id: first, final: true })
  expect(exportProblems(file ?? '', batched)).toEqual([])
})

/** An approved story from the wire fixture, written by Asha Rao and approved by Vikram Desk. */
function approvedFromWire(dataDir: string): string {
  cli(dataDir, 'profile', 'set', '--name', 'Asha Rao', '--role', 'writer')
  const id: string = JSON.parse(cli(dataDir, 'import', fixture, '--create', '--json')).created.id
  cli(dataDir, 'transition', id, 'submit')
  cli(dataDir, 'profile', 'set', '--name', 'Vikram Desk', '--role', 'desk-chief')
  cli(dataDir, 'transition', id, 'approve')
  return id
}

/**
 * The WordPress target set from the command line, the password from a file (never the command
 * line). Run without blocking: the CLI signs in to the fake WordPress, which answers from this process.
 */
async function wordpressTarget(dataDir: string, url: string, status: string): Promise<void> {
  const file = join(dataDir, 'wp-password.txt')
  await writeFile(file, `${FAKE_WP_PASSWORD}\n`)
  const { stdout } = await promisify(execFile)(process.execPath, [
    'out/main/cli.js',
    ...['target', 'set', 'wordpress', '--url', url, '--user', FAKE_WP_USER],
    ...['--status', status, '--password-file', file, '--data-dir', dataDir],
  ])
  expect(stdout).toContain('Signed in to WordPress as Desk Editor.')
}

test('a story sent to WordPress as a draft stays approved until the post goes live, then publishes', async ({
  page,
  desk,
}) => {
  cms = await new FakeCms().start()
  const id = approvedFromWire(desk.dataDir)
  await wordpressTarget(desk.dataDir, cms.url, 'draft')
  const host = await desk.start()
  await page.goto(host.url)

  await page.getByRole('button', { name: 'Desk settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Desk settings' })
  await expect(settings.getByLabel('WordPress post status')).toHaveValue('draft')
  await settings.getByRole('button', { name: 'Test connection' }).click()
  await expect(settings.getByRole('status', { name: 'WordPress connection' })).toHaveText(
    'Signed in to WordPress as Desk Editor.',
  )
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/settings-test-connection.png` })
  await settings.getByLabel('WordPress application password').fill('a wrong password')
  await settings.getByRole('button', { name: 'Test connection' }).click()
  await expect(settings.getByRole('status', { name: 'WordPress connection' })).toContainText(
    'WordPress did not accept the user name or application password',
  )
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/settings-test-refused.png` })
  await settings.getByRole('button', { name: 'Cancel' }).click()

  await page.getByRole('navigation', { name: 'Articles' }).getByRole('link').first().click()
  await page.getByRole('tab', { name: 'Export' }).click()
  await page.getByRole('button', { name: 'Push to WordPress' }).click()
  const outbox = page.getByRole('list', { name: 'Outbox' })
  await expect(outbox).toContainText('WordPress: Sent to CMS (draft)')
  await expect(outbox).toContainText(
    'The story stays approved until the post is published in WordPress.',
  )
  await expect(page.getByRole('status').filter({ hasText: /^Pushed to WordPress/ })).toHaveText(
    'Pushed to WordPress: the outbox below shows where it stands.',
  )
  await expect(page.getByRole('group', { name: 'Story' })).toContainText('Approved')
  // Marking it published now would say readers see it: the button says why it is not available.
  const markPublished = page
    .getByRole('group', { name: 'Workflow' })
    .getByRole('button', { name: 'Mark published' })
  await expect(markPublished).toBeDisabled()
  await expect(markPublished).toHaveAccessibleDescription(
    /waits as draft \(post \d+\): publish the post in WordPress and the story follows/,
  )
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/outbox-draft.png` })

  // An editor publishes the post in WordPress; the desk checks, and the story is published.
  const [post] = [...cms.posts.values()]
  expect(post?.content).toContain(`<!-- copydesk:article ${id} desk `)
  cms.wordpress.publish(post?.id ?? 0)
  await page.getByRole('button', { name: 'Check WordPress now' }).click()
  await expect(outbox).toContainText('WordPress: Sent, live')
  await expect(page.getByRole('group', { name: 'Story' })).toContainText('Published')

  // An http:// address that is not local cannot work: Desk settings says so when it is saved.
  await page.getByRole('button', { name: 'Desk settings' }).click()
  await settings.getByLabel('WordPress site URL').fill('http://news.example')
  await settings.getByRole('button', { name: 'Save settings' }).click()
  await expect(settings.getByRole('status', { name: 'Settings warning' })).toContainText(
    'WordPress accepts application passwords only over HTTPS',
  )
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/settings-http-warning.png` })
  await settings.getByRole('button', { name: 'Close' }).click()
})

test('a published story pushed again asks the desk chief for the correction readers will see', async ({
  page,
  desk,
}) => {
  // A long journey (publish, reopen, export, reword, push) on a machine shared by several runs.
  test.setTimeout(150_000)
  cms = await new FakeCms().start()
  approvedFromWire(desk.dataDir)
  await wordpressTarget(desk.dataDir, cms.url, 'publish')
  const host = await desk.start()
  await page.goto(host.url)
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('link').first().click()
  await page.getByRole('tab', { name: 'Export' }).click()
  await page.getByRole('button', { name: 'Push to WordPress' }).click()
  const outbox = page.getByRole('list', { name: 'Outbox' })
  await expect(outbox).toContainText('WordPress: Sent, live')
  const workflow = page.getByRole('group', { name: 'Workflow' })
  await expect(page.getByRole('group', { name: 'Story' })).toContainText('Published')

  // Reopened, corrected and approved again by the desk chief.
  await workflow.getByRole('button', { name: 'Reopen' }).click()
  const reopen = page.getByRole('dialog', { name: 'Reopen' })
  await reopen.getByLabel('Why it is reopened').fill('The minister was misnamed')
  await reopen.getByRole('button', { name: 'Reopen' }).click()
  await page.getByLabel('Headline').fill('India, Japan forge stronger ties, ministers say')
  await expectSaved(page)
  await workflow.getByRole('button', { name: 'Approve' }).click()
  await expect(page.getByRole('group', { name: 'Story' })).toContainText('Approved')

  await page.getByRole('tab', { name: 'Export' }).click()
  await page.getByRole('button', { name: 'Push to WordPress' }).click()
  const dialog = page.getByRole('dialog', { name: 'Publish correction' })
  await dialog
    .getByLabel('Correction note for readers')
    .fill('An earlier version of this story misnamed the minister.')
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/correction-dialog.png` })
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  // The export to a folder asks for the note too, and the file carries it for readers.
  const exportDir = join(desk.dataDir, 'exports')
  await page.getByLabel('Export folder').fill(exportDir)
  await page.getByRole('button', { name: 'Export to folder' }).click()
  await dialog
    .getByLabel('Correction note for readers')
    .fill('An earlier version of this story misnamed the minister.')
  await dialog.getByRole('button', { name: 'Export with this correction' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Exported: / })).toBeVisible()
  const [file] = await readdir(exportDir)
  const corrected: unknown = JSON.parse(await readFile(join(exportDir, file ?? ''), 'utf8'))
  expect(corrected).toMatchObject({
    final: true,
    corrections: [{ note: 'An earlier version of this story misnamed the minister.' }],
  })
  expect(exportProblems(file ?? '', corrected)).toEqual([])

  // The note waits with the story, in plain sight, and the desk chief can still reword it.
  const waiting = page.getByRole('region', { name: 'Correction note waiting to be published' })
  await expect(waiting).toContainText('An earlier version of this story misnamed the minister.')
  await waiting.getByRole('button', { name: 'Edit note' }).click()
  await expect(dialog.getByLabel('Correction note for readers')).toHaveValue(
    'An earlier version of this story misnamed the minister.',
  )
  await dialog
    .getByLabel('Correction note for readers')
    .fill('An earlier version of this story misnamed the Japanese foreign minister.')
  await dialog.getByRole('button', { name: 'Save note' }).click()
  await expect(waiting).toContainText('misnamed the Japanese foreign minister.')
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/pending-correction.png` })

  // The push takes the waiting note: no second question.
  await page.getByRole('button', { name: 'Push to WordPress' }).click()
  await expect(page.getByRole('group', { name: 'Story' })).toContainText('Corrected')
  await expect(waiting).toBeHidden()
  const [post] = [...cms.posts.values()]
  expect(cms.posts.size).toBe(1)
  expect(post?.title).toBe('India, Japan forge stronger ties, ministers say')
  expect(post?.content).toContain('<strong>Correction, ')
  expect(post?.content).toContain(
    'An earlier version of this story misnamed the Japanese foreign minister.</p>',
  )
  expect(post?.content).not.toContain('misnamed the minister.')
  await page.getByRole('tab', { name: 'History' }).click()
  const audit = page.getByRole('list', { name: 'Audit trail' })
  await expect(audit).toContainText('Publish correction (Approved → Corrected)')
  await expect(audit).not.toContainText('Confirmed by WordPress (')
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/corrected.png` })
})
