import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, test } from './deskTest'
import { switchProfile } from './actions'

const fixture = fileURLToPath(new URL('../fixtures/wire-india-japan-ties.txt', import.meta.url))

function cli(dataDir: string, ...args: string[]): string {
  return execFileSync(process.execPath, ['out/main/cli.js', ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
  })
}

const nextMarchNinth = () => {
  const at = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 9, 5, 0))
  return at.toISOString()
}

test('an embargoed story is approved for its embargo time by a desk chief, in the desk time zone', async ({
  page,
  desk,
}) => {
  const until = nextMarchNinth()
  // Seeded through the command line: a writer's submitted story under embargo, on an Oslo desk.
  const run = (...args: string[]) => cli(desk.dataDir, ...args)
  run('profile', 'set', '--name', 'Asha Rao', '--role', 'writer')
  run('settings', 'set', 'timeZone', 'Europe/Oslo')
  const id: string = JSON.parse(run('import', fixture, '--create', '--json')).created.id
  run('embargo', id, '--until', until)
  run('transition', id, 'submit')

  const host = await desk.start()
  await page.goto(host.url)
  await switchProfile(page, 'Vikram Desk', 'Desk chief')
  await page.getByRole('button', { name: 'Desk queue' }).click()
  const queue = page.getByRole('table', { name: 'Submitted stories' })
  await expect(queue).toContainText(/Embargoed until 9 Mar \d{4}, 06:00 CET/)
  await page.screenshot({ path: 'test-results/publishing-time-queue.png' })

  await queue.getByRole('link', { name: /India, Japan/ }).click()
  await page.getByRole('button', { name: 'Approve for…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Approve for a time' })
  await expect(dialog.getByLabel('Publication time (Europe/Oslo)')).toHaveValue(/-03-09T06:00$/)
  await expect(dialog).toContainText('can only be scheduled for that time')
  await page.screenshot({ path: 'test-results/publishing-time-dialog.png' })
  await dialog.getByRole('button', { name: 'Approve for this time' }).click()
  const bar = page.getByRole('group', { name: 'Story' })
  await expect(bar).toContainText('Approved')
  await expect(bar).toContainText(/Scheduled for 9 Mar \d{4}, 06:00 CET/)
  await expect(page.getByRole('button', { name: 'Reschedule…' })).toBeVisible()
  await page.screenshot({ path: 'test-results/publishing-time-editor.png' })

  // The desk's zone is a Desk setting, refused by name when it is not one.
  await page.getByRole('button', { name: 'Desk settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Desk settings' })
  await expect(settings.getByLabel('Desk time zone')).toHaveValue('Europe/Oslo')
  await settings.getByLabel('Desk time zone').fill('Europe/Olso')
  await settings.getByRole('button', { name: 'Save settings' }).click()
  await expect(settings).toContainText('timeZone: Use an IANA time zone name')
  await page.screenshot({ path: 'test-results/publishing-time-settings.png' })
})
