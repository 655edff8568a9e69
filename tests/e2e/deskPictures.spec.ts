import { fileURLToPath } from 'node:url'
import type { Browser } from '@playwright/test'
import { startWebHost } from '../support/startWebHost'
import { tempDir } from '../support/tempDir'
import { expectSaved, joinDesk, signIn, startDesk, startNewArticle, type E2eDesk } from './actions'
import { expect, test } from './deskTest'

const shots = process.env['SCREENSHOTS']
const CHIEF = { email: 'ben@desk.example', name: 'Ben Chief' }
const WRITER = { email: 'ana@desk.example', name: 'Ana Writer' }
const media = (name: string) => fileURLToPath(new URL(`../fixtures/media/${name}`, import.meta.url))

let server: E2eDesk

test.beforeAll(async () => {
  test.setTimeout(180_000)
  server = await startDesk(CHIEF, [{ ...WRITER, role: 'writer' }])
})
test.afterAll(async () => {
  await server?.close()
})

/** A workstation: its own data folder, browser host and browser context, joined as `who`. */
async function workstation(browser: Browser, who: { email: string; name: string }) {
  const folder = await tempDir('copydesk-e2e-pictures-ws-')
  const host = await startWebHost(folder.path)
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } })
  const page = await context.newPage()
  await page.goto(host.url)
  await signIn(page, 'Setting up', 'Writer')
  await joinDesk(page, server.url, who.email)
  return {
    page,
    async close() {
      await context.close()
      await host.stop()
      await folder.cleanup()
    },
  }
}

test('a lead picture added on one workstation shows on the other, which never had the file', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const a = await workstation(browser, WRITER)
  const b = await workstation(browser, CHIEF)
  try {
    await startNewArticle(a.page, 'Warehouse fire in Pune')
    await a.page.getByLabel('Headline').fill('Warehouse fire in Pune')
    const leadA = a.page.getByRole('region', { name: 'Lead picture' })
    await leadA.getByLabel('Lead picture file').setInputFiles(media('tagged.jpg'))
    await expect(leadA.getByLabel('Credit')).toHaveValue('Copydesk Photo Agency')
    await expectSaved(a.page)

    // B has only the desk: the story arrives through the feed, its picture with it.
    const link = b.page
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('link', { name: /Warehouse fire in Pune/ })
    await expect(link).toBeVisible({ timeout: 30_000 })
    await link.click()
    const leadB = b.page.getByRole('region', { name: 'Lead picture' })
    await expect(leadB.getByRole('img', { name: /^Three firefighters/ })).toBeVisible({
      timeout: 30_000,
    })
    await expect(leadB.getByLabel('Caption')).toHaveValue(
      'Firefighters tackle a blaze at a warehouse in Pune on Monday.',
    )
    if (shots) await b.page.screenshot({ path: `${shots}/desk-picture-on-b.png` })
  } finally {
    await a.close()
    await b.close()
  }
})
