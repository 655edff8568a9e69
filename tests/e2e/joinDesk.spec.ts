import { expect, test } from './deskTest'
import { DESK_PASSWORD as PASSWORD, signIn, startDesk, type E2eDesk } from './actions'

const shots = process.env['SCREENSHOTS']

let server: E2eDesk

// Its tests share one desk server (started once, below): they run in order in one worker.
test.describe.configure({ mode: 'default' })

test.beforeAll(async () => {
  test.setTimeout(180_000)
  server = await startDesk({ email: 'cleo@desk.example', name: 'Cleo Chief' })
})
test.afterAll(async () => {
  await server?.close()
})

test('a workstation joins a desk from Desk settings, works as the desk account, and leaves it', async ({
  page,
  desk,
}) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page, 'Asha Rao', 'Writer')

  await page.getByRole('button', { name: 'Desk settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Desk settings' })
  const section = settings.getByRole('region', { name: 'Desk server' })
  await expect(section).toContainText('This workstation stands alone')
  await section.getByLabel('Desk address').fill(server.url)
  await section.getByLabel('E-mail').fill('cleo@desk.example')
  await section.getByLabel('Password').fill('not the password')
  await section.getByRole('button', { name: 'Join desk' }).click()
  await expect(section.getByRole('alert')).toHaveText('Wrong e-mail or password.')
  await section.scrollIntoViewIfNeeded()
  if (shots) await page.screenshot({ path: `${shots}/desk-join-refused.png` })

  await section.getByLabel('Password').fill(PASSWORD)
  // Enter in the desk's fields joins; it does not save (and close) the settings.
  await section.getByLabel('Password').press('Enter')
  const facts = section.getByRole('definition')
  await expect(section.getByLabel('Desk connection')).toContainText(server.url)
  await expect(facts.filter({ hasText: 'Cleo Chief' })).toHaveText(
    'Cleo Chief <cleo@desk.example> · Desk admin',
  )
  await expect(facts.filter({ hasText: /^Signed in/ })).toBeVisible()
  await expect(settings).toBeVisible()
  await section.scrollIntoViewIfNeeded()
  if (shots) await page.screenshot({ path: `${shots}/desk-joined-settings.png` })
  await settings.getByRole('button', { name: 'Cancel' }).click()

  // The workstation's identity is the desk account now (a desk admin acts as a desk chief).
  await page.getByRole('button', { name: 'Cleo Chief · Desk chief, switch profile' }).click()
  const account = page.getByRole('dialog', { name: 'Desk account' })
  await expect(account).toContainText(`Signed in to ${server.url} as Cleo Chief (Desk admin).`)
  await expect(account.getByLabel('Your name')).toHaveCount(0)
  if (shots) await page.screenshot({ path: `${shots}/desk-account-profile.png` })
  await account.getByRole('button', { name: 'Close' }).click()

  await page.getByRole('button', { name: 'Desk settings' }).click()
  await section.getByRole('button', { name: 'Leave desk' }).click()
  await expect(section.getByRole('status')).toContainText(
    `Left the desk at ${server.url}: this device`,
  )
  await expect(section).toContainText('This workstation stands alone')
  await settings.getByRole('button', { name: 'Cancel' }).click()
  await expect(
    page.getByRole('button', { name: 'Asha Rao · Writer, switch profile' }),
  ).toBeVisible()
})
