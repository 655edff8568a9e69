import { expect, type Page } from '@playwright/test'

/** Starts a new article and waits until its empty editor is the one on screen. */
export async function startNewArticle(page: Page, headline: string): Promise<void> {
  const count = await page.getByRole('navigation', { name: 'Articles' }).getByRole('link').count()
  await page.getByRole('button', { name: 'New article' }).first().click()
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('link')).toHaveCount(
    count + 1,
  )
  await expect(page.getByLabel('Headline')).toHaveValue('')
  await page.getByLabel('Headline').fill(headline)
}

/** Waits for the save indicator to confirm the store has everything. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved at \d\d:\d\d/)
}
