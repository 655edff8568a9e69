import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './deskTest'
import { expectSaved, startNewArticle, signIn } from './actions'
import type { RunningHost } from '../support/startWebHost'

test('an editor drafts an article, and finds it intact after closing the app', async ({
  page,
  desk,
}) => {
  let host: RunningHost
  host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  await startNewArticle(page, 'India, Japan forge stronger ties on AI, chips and security')
  const body = page.getByRole('textbox', { name: 'Article body' })
  const undo = page.getByRole('button', { name: 'Undo' })
  const redo = page.getByRole('button', { name: 'Redo' })
  await expect(undo).toBeDisabled()
  await body.click()
  await page.keyboard.type(
    "The India-Japan Foreign Ministers' dialogue in New Delhi reflects a stronger partnership.",
  )
  // The toolbar follows the history: undo, then redo, gives the sentence back.
  await expect(undo).toBeEnabled()
  await expect(redo).toBeDisabled()
  await undo.click()
  await expect(body).not.toContainText('stronger partnership')
  await expect(redo).toBeEnabled()
  await redo.click()
  await expect(body).toContainText('stronger partnership.')
  await expect(redo).toBeDisabled()
  await page.keyboard.press('Enter')
  await page.getByRole('button', { name: 'Heading 2' }).click()
  await page.keyboard.type('What was agreed')
  await page.keyboard.press('Enter')
  await page.getByRole('button', { name: 'Bulleted list' }).click()
  await page.keyboard.type('Economic security dialogue')
  await page.keyboard.press('Enter')
  await page.keyboard.type('AI strategic dialogue')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await page.keyboard.press('ControlOrMeta+b')
  await page.keyboard.type('Quad')
  await page.keyboard.press('ControlOrMeta+b')
  await page.keyboard.type(' cooperation was reaffirmed.')
  await expectSaved(page)

  // What the next system sees: the article file on disk.
  const [file] = await readdir(join(desk.dataDir, 'articles'))
  const stored: unknown = JSON.parse(
    await readFile(join(desk.dataDir, 'articles', file ?? ''), 'utf8'),
  )
  expect(stored).toMatchObject({
    headline: 'India, Japan forge stronger ties on AI, chips and security',
    status: 'draft',
  })
  expect(JSON.stringify(stored)).toContain('"type":"bulletList"')

  // Close the app entirely and start it again on the same data.
  await desk.stop()
  host = await desk.start()
  await page.goto(host.url)
  const item = page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('link', { name: /India, Japan forge stronger ties/ })
  await expect(item).toBeVisible()
  await item.click()
  await expect(page.getByLabel('Headline')).toHaveValue(
    'India, Japan forge stronger ties on AI, chips and security',
  )
  const reopened = page.getByRole('textbox', { name: 'Article body' })
  await expect(reopened.getByRole('heading', { level: 2, name: 'What was agreed' })).toBeVisible()
  await expect(reopened.getByRole('listitem')).toHaveText([
    'Economic security dialogue',
    'AI strategic dialogue',
  ])
  await expect(reopened.locator('strong')).toHaveText('Quad')

  // A plain reload keeps the article open and the text intact.
  await page.reload()
  await expect(page.getByLabel('Headline')).toHaveValue(
    'India, Japan forge stronger ties on AI, chips and security',
  )
  await expect(page.getByText('Quad cooperation was reaffirmed.')).toBeVisible()
})

test('search finds headline and body words as you type, newest first', async ({ page, desk }) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  for (const headline of [
    'Monsoon arrives early in Kerala',
    'Quad ministers meet in Tokyo',
    'Kerala budget passes',
  ]) {
    await startNewArticle(page, headline)
    await expectSaved(page)
  }
  const list = page.getByRole('navigation', { name: 'Articles' }).getByRole('link')
  await expect(list).toHaveCount(3)
  await expect(list.first()).toContainText('Kerala budget passes')
  await page.getByRole('textbox', { name: 'Article body' }).click()
  await page.keyboard.type('Finance minister K. N. Balagopal tabled the plan on Friday.')
  await expectSaved(page)

  const search = page.getByRole('searchbox', { name: 'Search articles' })
  await search.fill('kerala')
  await expect(list).toHaveText([/Kerala budget passes/, /Monsoon arrives early in Kerala/])
  await search.fill('tokyo quad')
  await expect(list).toHaveText([/Quad ministers meet in Tokyo/])
  await search.fill('balago friday')
  await expect(list).toHaveText([/Kerala budget passes/])
  await search.fill('balagopal tokyo')
  await expect(page.getByText('No articles match “balagopal tokyo”.')).toBeVisible()

  // A slow answer (the first search after a start reads every article) says so while it comes:
  // the answer is held until the status shows, then let go (not a fixed 1.5 s).
  let answer = () => {}
  const answered = new Promise<void>((resolve) => (answer = resolve))
  await page.route('**/api/listArticles', async (route) => {
    await answered
    await route.continue()
  })
  await search.fill('monsoon')
  const searching = page.getByRole('status').filter({ hasText: 'Searching every article…' })
  await expect(searching).toBeVisible()
  answer()
  await expect(searching).toBeHidden()
  await expect(list).toHaveText([/Monsoon arrives early in Kerala/])
})

test('an article moved to the trash comes back intact', async ({ page, desk }) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  await startNewArticle(page, 'Spiked by mistake')
  await page.getByRole('textbox', { name: 'Article body' }).click()
  await page.keyboard.type('Every word of this must come back.')
  await page.getByRole('button', { name: 'Move to trash' }).click()
  await expect(page.getByRole('heading', { name: 'No article open' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('link')).toHaveCount(0)
  expect(await readdir(join(desk.dataDir, 'trash'))).toHaveLength(1)

  await page.getByRole('button', { name: 'Trash', exact: true }).click()
  await page.getByRole('button', { name: 'Restore Spiked by mistake' }).click()
  await expect(page.getByText('The trash is empty.')).toBeVisible()
  await page.getByRole('button', { name: 'Desk', exact: true }).click()
  await page.getByRole('link', { name: /Spiked by mistake/ }).click()
  await expect(page.getByText('Every word of this must come back.')).toBeVisible()
})

test('a corrupt file in the data folder is reported while the other articles open', async ({
  page,
  desk,
}) => {
  let host: RunningHost
  host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  for (const headline of ['Healthy story', 'Story about to be damaged']) {
    await startNewArticle(page, headline)
    await expectSaved(page)
  }
  await desk.stop()
  const files = await readdir(join(desk.dataDir, 'articles'))
  let damaged = ''
  for (const name of files) {
    const text = await readFile(join(desk.dataDir, 'articles', name), 'utf8')
    if (text.includes('about to be damaged')) {
      damaged = name
      await writeFile(join(desk.dataDir, 'articles', name), text.slice(0, 40))
    }
  }

  host = await desk.start()
  await page.goto(host.url)
  const alert = page.getByRole('alert', { name: 'Store problems' })
  await expect(alert).toContainText('could not be read and was set aside')
  await expect(alert).toContainText(`articles/${damaged}`)
  await expect(alert).toContainText('not valid JSON')
  const list = page.getByRole('navigation', { name: 'Articles' }).getByRole('link')
  await expect(list).toHaveText([/Healthy story/])
  await list.first().click()
  await expect(page.getByLabel('Headline')).toHaveValue('Healthy story')
  expect(
    (await readdir(join(desk.dataDir, 'quarantine'))).some((name) => name.endsWith(damaged)),
  ).toBe(true)

  await page.getByRole('button', { name: `Dismiss the notice about articles/${damaged}` }).click()
  await expect(alert).toBeHidden()
})

// Issue 11, 3.4: an article from a newer Copydesk was quarantined as "corrupt".
test('an article written by a newer Copydesk is named as such, left in place, and never called corrupt', async ({
  page,
  desk,
}) => {
  let host: RunningHost
  host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  for (const headline of ['Story of today', 'Story from the future']) {
    await startNewArticle(page, headline)
    await expectSaved(page)
  }
  await desk.stop()
  let newer = ''
  for (const name of await readdir(join(desk.dataDir, 'articles'))) {
    const path = join(desk.dataDir, 'articles', name)
    const text = await readFile(path, 'utf8')
    if (!text.includes('from the future')) continue
    newer = name
    await writeFile(path, text.replace('"schemaVersion":1', '"schemaVersion":7'))
  }

  host = await desk.start()
  await page.goto(host.url)
  const alert = page.getByRole('alert', { name: 'Store problems' })
  await expect(alert).toContainText(
    'One article was written by a newer Copydesk: it stays where it is, untouched, and opens again once Copydesk is updated.',
  )
  await expect(alert).toContainText(`articles/${newer}`)
  await expect(alert).toContainText('schema version 7')
  await expect(alert).not.toContainText(/could not be read|set aside|corrupt/)
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('link')).toHaveText([
    /Story of today/,
  ])
  expect(await readdir(join(desk.dataDir, 'articles'))).toContain(newer)
  await page.screenshot({ path: 'test-results/store-newer-version.png' })
})

// Issue 11, 3.1: a link the desk does not publish (relative, UNC) was stored, and only dropped at export.
// Red team H3: a pasted bare address (newsroom.example.com/memo) was then kept as it was, and every
// save after it was refused ("Not saved … not allowed") until the editor found the link.
test('a pasted link is saved as a full address, and one no reader could follow keeps only its text', async ({
  page,
  desk,
}) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  await startNewArticle(page, 'Memo leaks')
  await expectSaved(page)
  const body = page.getByRole('textbox', { name: 'Article body' })
  await body.click()
  await page.evaluate(() => {
    const transfer = new DataTransfer()
    transfer.setData(
      'text/html',
      '<p>Read the <a href="newsroom.example.com/memo">memo</a> and the <a href="/news/older">older story</a>.</p>',
    )
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    )
  })
  await expect(body).toContainText('Read the memo and the older story.')
  await expectSaved(page)
  await expect(page.getByRole('region', { name: 'Save failed' })).toHaveCount(0)
  const [file] = await readdir(join(desk.dataDir, 'articles'))
  const stored = await readFile(join(desk.dataDir, 'articles', file ?? ''), 'utf8')
  expect(stored).toContain('"href":"https://newsroom.example.com/memo"')
  expect(stored).toContain('older story')
  expect(stored).not.toContain('/news/older')
})
