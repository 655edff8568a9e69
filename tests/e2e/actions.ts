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
  await expect(page.getByRole('group', { name: 'Save state' })).toHaveText(/Saved at \d\d:\d\d/)
}

/** Answers the first-start question: who is at this workstation. */
export async function signIn(
  page: Page,
  name = 'Asha Rao',
  role: 'Writer' | 'Desk chief' = 'Writer',
): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Who is at this workstation?' })
  await dialog.getByLabel('Your name').fill(name)
  await dialog.getByRole('radio', { name: role }).check()
  await dialog.getByRole('button', { name: 'Start' }).click()
  await expect(dialog).toBeHidden()
}

/** Switches the workstation's profile from the app bar. */
export async function switchProfile(
  page: Page,
  name: string,
  role: 'Writer' | 'Desk chief',
): Promise<void> {
  await page.getByRole('button', { name: /, switch profile$/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Switch profile' })
  await dialog.getByLabel('Your name').fill(name)
  await dialog.getByRole('radio', { name: role }).check()
  await dialog.getByRole('button', { name: 'Switch' }).click()
  await expect(dialog).toBeHidden()
}

/**
 * Moves the caret with a key the browser handles itself (Ctrl+End, Ctrl+Home), then lets ProseMirror
 * hear of it: it learns of a native caret move from a later `selectionchange` event, and a test's
 * next key can arrive before that, which no typist's can. Found as a flaky wholeArticle run in CI.
 */
export async function moveCaret(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key)
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
  )
}
