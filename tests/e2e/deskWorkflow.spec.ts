import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect, test } from './deskTest'
import { expectSaved, moveCaret, signIn, switchProfile } from './actions'

const fixture = fileURLToPath(new URL('../fixtures/wire-india-japan-ties.txt', import.meta.url))
const workflow = (page: Page) => page.getByRole('group', { name: 'Workflow' })
const status = (page: Page) =>
  page
    .getByRole('group', { name: 'Story' })
    .getByText(/^(Draft|Submitted|Changes requested|Approved)$/)

async function importFixture(page: Page): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import…' }).click()
  await (await chooser).setFiles(fixture)
  await page
    .getByRole('dialog', { name: 'Review import' })
    .getByRole('button', { name: 'Create article' })
    .click()
  await expect(page.getByLabel('Agency credit')).toHaveValue('IANS')
}

test('writer submits, desk chief sends back with a note, writer fixes and resubmits, desk chief approves', async ({
  page,
  desk,
}) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page, 'Asha Rao', 'Writer')
  await importFixture(page)
  await page
    .getByLabel('Headline')
    .fill('India, Japan forge stronger ties on AI, chips and security')
  await expectSaved(page)
  await workflow(page).getByRole('button', { name: 'Submit to desk' }).click()
  await expect(status(page)).toHaveText('Submitted')
  await expect(workflow(page).getByRole('button', { name: 'Approve' })).toHaveCount(0)

  // The desk chief takes the oldest story from the queue and sends it back.
  await switchProfile(page, 'Vikram Desk', 'Desk chief')
  await page.getByRole('button', { name: 'Desk queue' }).click()
  const queue = page.getByRole('table', { name: 'Submitted stories' })
  await expect(queue.getByRole('row')).toHaveCount(2)
  await expect(queue).toContainText('Asha Rao')
  await expect(page.getByRole('button', { name: /Submitted 1/ })).toBeVisible()
  await queue.getByRole('link', { name: /India, Japan forge stronger ties/ }).click()
  await workflow(page).getByRole('button', { name: 'Request changes' }).click()
  const ask = page.getByRole('dialog', { name: 'Request changes' })
  await expect(ask.getByRole('button', { name: 'Request changes' })).toBeDisabled()
  await ask.getByLabel('What needs to change').fill('Name both ministers in the first paragraph.')
  await ask.getByRole('button', { name: 'Request changes' }).click()
  await expect(status(page)).toHaveText('Changes requested')

  // The writer sees why it came back: on the story, with who and when, and in the list.
  await switchProfile(page, 'Asha Rao', 'Writer')
  const banner = page.getByRole('region', { name: 'Changes requested' })
  await expect(banner).toContainText('by Vikram Desk')
  await expect(banner).toContainText('Name both ministers in the first paragraph.')
  const row = page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('link', { name: /India, Japan forge stronger ties/ })
  await expect(row).toContainText('Changes requested')
  await expect(row).toContainText('Vikram Desk: Name both ministers in the first paragraph.')
  // Read once, inside the link's name: not again as its description (L4).
  await expect(row).toHaveAccessibleDescription('')
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/changes-requested.png` })

  // The writer fixes the first paragraph and resubmits.
  const body = page.getByRole('textbox', { name: 'Article body' })
  await body.getByText(/^The India-Japan Foreign Ministers' dialogue/).click()
  await moveCaret(page, 'ControlOrMeta+Home')
  await page.keyboard.type('Jaishankar and Motegi met. ')
  await expectSaved(page)
  await workflow(page).getByRole('button', { name: 'Submit to desk' }).click()
  await expect(status(page)).toHaveText('Submitted')
  await expect(banner).toHaveCount(0)
  await expect(row).not.toContainText('Name both ministers')

  // The desk chief approves; the story locks.
  await switchProfile(page, 'Vikram Desk', 'Desk chief')
  await workflow(page).getByRole('button', { name: 'Approve' }).click()
  await expect(status(page)).toHaveText('Approved')
  await expect(page.getByRole('status', { name: 'Read-only' })).toContainText(
    'Approved by Vikram Desk',
  )
  await expect(page.getByLabel('Headline')).toBeDisabled()
  await expect(body).toHaveAttribute('contenteditable', 'false')
  await expect(page.getByRole('toolbar', { name: 'Formatting' })).toHaveCount(0)

  // History: the versions, a correct diff, and every step in the audit trail. The editor bar's
  // "Revision N" and History's numbers agree: each version says which revision it holds.
  // Regression: the bar said "Revision 10" while History's newest entry was "#5", with nothing
  // saying they counted different things.
  await page.getByRole('tab', { name: 'History' }).click()
  const revisionText = page.getByRole('group', { name: 'Story' }).getByText(/^Revision \d+/)
  // What a revision is, for a screen reader too, not only in a tooltip (L10).
  await expect(revisionText).toContainText('Every save makes a new revision')
  const barRevision = /^Revision \d+/.exec((await revisionText.textContent()) ?? '')?.[0]
  const versions = page.getByRole('list', { name: 'Versions' }).getByRole('listitem')
  await expect(versions.first()).toContainText('Version 5 Approved')
  await expect(versions.first()).toContainText(
    `State change · ${barRevision?.toLowerCase()} · Vikram Desk`,
  )
  await expect(page.getByLabel('Compare to version')).toContainText(
    `Now (${barRevision?.toLowerCase()})`,
  )
  // Regression (L5): side by side, the two selects were cut to "Version 3 · re…"; one per line,
  // each takes the panel's width.
  const fromBox = await page.getByLabel('Compare from version').boundingBox()
  const toBox = await page.getByLabel('Compare to version').boundingBox()
  expect(fromBox?.width ?? 0).toBeGreaterThan(200)
  expect(toBox?.y ?? 0).toBeGreaterThan((fromBox?.y ?? 0) + (fromBox?.height ?? 0))
  await page.getByLabel('Compare from version').selectOption('3')
  await page.getByLabel('Compare to version').selectOption('4')
  const diff = page.getByLabel('Body changed')
  await expect(diff.locator('ins')).toContainText('Jaishankar and Motegi met.')
  const audit = page.getByRole('list', { name: 'Audit trail' }).getByRole('listitem')
  await expect(audit).toHaveCount(5)
  await expect(audit.nth(0)).toContainText('Create')
  await expect(audit.nth(1)).toContainText('Submit (Draft → Submitted)')
  await expect(audit.nth(2)).toContainText('Request changes (Submitted → Changes requested)')
  await expect(audit.nth(2)).toContainText('Name both ministers in the first paragraph.')
  await expect(audit.nth(3)).toContainText('Asha Rao')
  await expect(audit.nth(4)).toContainText('Approve (Submitted → Approved)')
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/approved-history.png` })

  // Reopen needs a reason and sends it back to the desk.
  await workflow(page).getByRole('button', { name: 'Reopen' }).click()
  await page.getByLabel('Why it is reopened').fill('Title of Motegi is wrong')
  await page.getByRole('dialog', { name: 'Reopen' }).getByRole('button', { name: 'Reopen' }).click()
  await expect(status(page)).toHaveText('Submitted')
  await expect(page.getByLabel('Headline')).toBeEnabled()
  expect(await readdir(join(desk.dataDir, 'history'))).toHaveLength(2)
})

// Regression (M6): the banner had no size limits: a 5,000-character note made it 765 px tall and
// pushed the story off the screen; an unbroken note ran off the right edge; a right-to-left note
// was laid out left to right.
test('a long, unbroken or right-to-left note from the desk stays a few lines high until Show all, and never runs off the edge', async ({
  page,
  desk,
}) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page, 'Asha Rao', 'Writer')
  await importFixture(page)
  await page.getByLabel('Headline').fill('India, Japan forge ties')
  await expectSaved(page)
  await workflow(page).getByRole('button', { name: 'Submit to desk' }).click()
  await expect(status(page)).toHaveText('Submitted')
  await switchProfile(page, 'Vikram Desk', 'Desk chief')
  const note = [
    'يرجى ذكر اسمي الوزيرين في الفقرة الأولى.',
    `https://www.mea.gov.in/${'x'.repeat(400)}`,
    'Check every figure against the ministry release before you send it again. '.repeat(60),
  ].join('\n')
  await workflow(page).getByRole('button', { name: 'Request changes' }).click()
  const ask = page.getByRole('dialog', { name: 'Request changes' })
  await ask.getByLabel('What needs to change').fill(note)
  await ask.getByRole('button', { name: 'Request changes' }).click()
  await expect(status(page)).toHaveText('Changes requested')
  await switchProfile(page, 'Asha Rao', 'Writer')

  const banner = page.getByRole('region', { name: 'Changes requested' })
  const quote = banner.locator('blockquote')
  await expect(quote).toHaveAttribute('dir', 'auto')
  const closed = await banner.boundingBox()
  expect(closed?.height ?? 0).toBeLessThan(200)
  const fits = () => quote.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)
  expect(await fits()).toBe(true)
  // The story is still on screen under it.
  await expect(page.getByLabel('Headline')).toBeInViewport()
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/changes-requested-long.png` })
  const showAll = banner.getByRole('button', { name: 'Show all' })
  await showAll.click()
  await expect(banner.getByRole('button', { name: 'Show less' })).toHaveAttribute(
    'aria-expanded',
    'true',
  )
  const open = await banner.boundingBox()
  expect(open?.height ?? 0).toBeGreaterThan(closed?.height ?? 0)
  expect(open?.height ?? 0).toBeLessThan(page.viewportSize()?.height ?? 0)
  expect(await fits()).toBe(true)
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/changes-requested-long-open.png` })

  const row = page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('link', { name: /India, Japan forge ties/ })
  const line = row.getByText(/^Vikram Desk: /)
  await expect(line).toHaveAttribute('dir', 'auto')
  expect(await line.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(
    true,
  )
  expect(((await line.getAttribute('title')) ?? '').length).toBeLessThan(700)
})

test('two pages on one article: the second save meets the conflict, keeps its text, and can compare', async ({
  browser,
  desk,
}) => {
  const host = await desk.start()
  const first = await browser.newPage()
  await first.goto(host.url)
  await signIn(first)
  await first.getByRole('button', { name: 'New article' }).first().click()
  await first.getByLabel('Headline').fill('One story, two windows')
  await expectSaved(first)
  const articleUrl = `${host.url.split('#')[0]}#token=${new URL(host.url).hash.slice('#token='.length)}`
  const second = await browser.newPage()
  await second.goto(articleUrl)
  await second.getByRole('link', { name: /One story, two windows/ }).click()
  await expect(second.getByLabel('Headline')).toHaveValue('One story, two windows')

  await first.getByLabel('Deck').fill('Typed in the first window')
  await expectSaved(first)
  await second.getByLabel('Deck').fill('Typed in the second window')
  const conflict = second.getByRole('alert', { name: 'Save conflict' })
  await expect(conflict).toContainText('This article was saved elsewhere')
  await expect(second.getByLabel('Deck')).toHaveValue('Typed in the second window')

  await conflict.getByRole('button', { name: 'Compare' }).click()
  const compare = second.getByRole('dialog', { name: 'Compare with the saved version' })
  await expect(compare.getByLabel('Deck changed').locator('del')).toHaveText(
    'Typed in the first window',
  )
  await expect(compare.getByLabel('Deck changed').locator('ins')).toHaveText(
    'Typed in the second window',
  )
  await compare.getByRole('button', { name: 'Close' }).click()

  // Merge by hand: keep both sentences, then save over the stored version.
  await second.getByLabel('Deck').fill('Typed in the first window; typed in the second window')
  await conflict.getByRole('button', { name: 'Keep my version' }).click()
  await expectSaved(second)
  await first.reload()
  await expect(first.getByLabel('Deck')).toHaveValue(
    'Typed in the first window; typed in the second window',
  )
})
