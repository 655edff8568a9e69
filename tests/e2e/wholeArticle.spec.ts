import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from './deskTest'
import { expectSaved, moveCaret, signIn } from './actions'

const fixture = fileURLToPath(new URL('../fixtures/wire-india-japan-ties.txt', import.meta.url))
test('import the IANS wire story, fix what the checks flag, add a pull quote, preview, reload', async ({
  page,
  desk,
}) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)

  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import…' }).click()
  await (await chooser).setFiles(fixture)
  const review = page.getByRole('dialog', { name: 'Review import' })
  await expect(review).toContainText('read as Wire copy')
  await expect(review.getByRole('list', { name: 'Import notes' })).toContainText(
    'at least 50 characters',
  )
  await expect(review.getByLabel('Preview')).toContainText('2 min read')
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/import-review.png` })
  await review.getByRole('button', { name: 'Create article' }).click()

  await expect(page.getByLabel('Headline')).toHaveValue(
    'India, Japan Forge Stronger Ties on AI, Chips & Security in Key Dialogue',
  )
  await expect(page.getByLabel('Deck')).toHaveValue(
    'India, Japan bolster strategic and economic ties',
  )
  await expect(page.getByLabel('Key point 5', { exact: true })).toHaveValue(
    '75th diplomatic anniversary in 2027',
  )
  await expect(page.getByLabel('Agency credit')).toHaveValue('IANS')
  await expect(page.getByLabel('Dateline as printed')).toHaveText('New Delhi, Jan 23')
  const body = page.getByRole('textbox', { name: 'Article body' })
  await expect(body.getByRole('figure').locator('figcaption')).toHaveText('India Narrative')
  // The headline is over the desk's 70 characters: a warning, with the count beside the field.
  const checks = page.getByRole('list', { name: 'Problems' })
  await expect(checks).toContainText("Headline is 72 characters; the desk's limit is 70.")
  await expectSaved(page)

  // Empty the dateline place: the checks flag it, and the link takes the cursor there.
  await page.getByLabel('Dateline place').fill('')
  await checks.getByRole('button', { name: 'Dateline place is missing.' }).click()
  await expect(page.getByLabel('Dateline place')).toBeFocused()
  await page.keyboard.type('New Delhi')
  await expect(checks.getByRole('button', { name: 'Dateline place is missing.' })).toBeHidden()

  // Reorder key points by keyboard.
  await page.getByLabel('Key point 5', { exact: true }).focus()
  await page.keyboard.press('Alt+ArrowUp')
  await expect(page.getByLabel('Key point 4', { exact: true })).toHaveValue(
    '75th diplomatic anniversary in 2027',
  )

  // A second pull quote by its shortcut, at the end of the body; its missing attribution is flagged.
  await body.locator('p').first().click()
  await moveCaret(page, 'ControlOrMeta+End')
  await page.keyboard.press('Enter')
  await page.keyboard.press('ControlOrMeta+Shift+P')
  await page.keyboard.type('Freedom of navigation and fair trade prevail over zero-sum dominance')
  await expect(
    checks.getByRole('button', { name: 'A pull quote has no attribution.' }),
  ).toBeVisible()
  await checks.getByRole('button', { name: 'A pull quote has no attribution.' }).click()
  await page.keyboard.type('India Narrative')
  await expect(
    checks.getByRole('button', { name: 'A pull quote has no attribution.' }),
  ).toBeHidden()
  await expect(body.getByRole('figure')).toHaveCount(2)
  await expect(body.getByRole('figure').last().locator('blockquote')).toHaveText(
    'Freedom of navigation and fair trade prevail over zero-sum dominance',
  )
  await expect(body.locator('p').first()).toHaveText(
    /^The India-Japan Foreign Ministers' dialogue in New Delhi this month/,
  )

  // Preview from the shortcut: what the reader sees.
  await page.keyboard.press('ControlOrMeta+Alt+P')
  const preview = page.getByRole('article', { name: 'Preview' })
  await expect(preview).toContainText('2 min read')
  await expect(
    preview.getByRole('paragraph').filter({ hasText: /^New Delhi, Jan 23: The India-Japan/ }),
  ).toHaveCount(1)
  await expect(preview).toContainText('- IANS')
  await expect(preview.getByRole('figure').locator('figcaption')).toHaveText([
    'India Narrative',
    'India Narrative',
  ])
  await expectSaved(page)
  if (process.env['SCREENSHOTS'])
    await page.screenshot({
      path: `${process.env['SCREENSHOTS']}/editor-preview.png`,
      fullPage: false,
    })

  // On disk, and after a reload, everything is there.
  const [file] = await readdir(join(desk.dataDir, 'articles'))
  const stored = JSON.parse(await readFile(join(desk.dataDir, 'articles', file ?? ''), 'utf8'))
  expect(stored.dateline).toEqual({ place: 'New Delhi', date: expect.stringMatching(/-01-23$/) })
  expect(stored.keyPoints.items[3]).toBe('75th diplomatic anniversary in 2027')
  expect(JSON.stringify(stored.body).match(/"pullQuoteAttribution"/g)).toHaveLength(2)

  await page.reload()
  await expect(page.getByLabel('Headline')).toHaveValue(/^India, Japan Forge Stronger Ties/)
  await expect(page.getByLabel('Dateline place')).toHaveValue('New Delhi')
  await expect(page.getByLabel('Key point 4', { exact: true })).toHaveValue(
    '75th diplomatic anniversary in 2027',
  )
  await expect(
    page.getByRole('textbox', { name: 'Article body' }).getByRole('figure').locator('figcaption'),
  ).toHaveText(['India Narrative', 'India Narrative'])
})
