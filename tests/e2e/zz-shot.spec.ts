import { test } from '@playwright/test'
import { signIn } from './actions'
import { startHost, tempDataDir } from './webHost'
test('shot', async ({ page }) => {
  const dir = await tempDataDir()
  const host = await startHost(dir.path)
  await page.goto(host.url)
  await signIn(page)
  await page.getByRole('button', { name: 'New article' }).first().click()
  await page.getByLabel('Headline').fill('Tabs check')
  await page.waitForTimeout(500)
  await page.screenshot({ path: '/tmp/shots/tabs.png' })
  await host.stop()
})
