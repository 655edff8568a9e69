import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './deskTest'
import { KeyCounter } from './keyCounter'

// Keyboard only: no click, fill, check, focus or selectOption here. Every move is page.keyboard,
// and every expectation is about where focus is and what the page shows.

const status = (page: Page, label: string) => page.getByRole('group', { name: `Status: ${label}` })
const announced = (page: Page, text: string) =>
  page.getByRole('status').filter({ hasText: text }).first()

test('the whole desk job by keyboard alone, within a bounded number of keys per step', async ({
  page,
  desk,
}) => {
  // A long journey typed key by key: each key re-renders the editor and its checks.
  test.setTimeout(240_000)
  const host = await desk.start()
  await page.goto(host.url)
  const keys = new KeyCounter(page)
  const body = page.getByRole('textbox', { name: 'Article body' })

  await keys.step('sign in as a writer', 1, async () => {
    await expect(page.getByLabel('Your name')).toBeFocused()
    await keys.type('Asha Rao')
    await keys.press('Enter')
    await expect(page.getByRole('dialog')).toHaveCount(0)
  })

  await keys.step('new article, cursor in its headline', 1, async () => {
    await keys.press('ControlOrMeta+Alt+N')
    await expect(page.getByLabel('Headline')).toBeFocused()
  })

  await keys.step('headline, deck and summary', 2, async () => {
    await keys.type('India and Japan sign a chips pact in New Delhi')
    await keys.press('Tab')
    await keys.type('The two countries agree to share research on semiconductors')
    await keys.press('Tab')
    await keys.type(
      'India and Japan signed an agreement on semiconductors and AI. Both sides promise joint research and a supply-chain fund.',
    )
  })

  await keys.step('three key points', 7, async () => {
    await keys.moveTo(page.getByRole('button', { name: 'Add key point' }), 3)
    await keys.press('Enter')
    await expect(page.getByLabel('Key point 1', { exact: true })).toBeFocused()
    await keys.type('A chips pact between India and Japan')
    await keys.press('Enter')
    await keys.type('Joint research on AI')
    await keys.press('Enter')
    await keys.type('A supply-chain fund')
  })

  await keys.step('dateline place (the date is left for the checks to find)', 6, async () => {
    await keys.moveTo(page.getByLabel('Dateline place'), 5)
    await keys.type('New Delhi')
  })

  await keys.step(
    'body: a paragraph, a heading, a pull quote with attribution, a list',
    22,
    async () => {
      await keys.moveTo(body, 8)
      await keys.type('India and Japan signed a pact on chips on Friday.')
      await keys.press('Enter')
      await keys.press('ControlOrMeta+Alt+2')
      await keys.type('What the pact covers')
      await keys.press('Enter')
      await keys.type('Research, a fund and training for engineers.')
      await keys.press('Enter')
      await keys.press('ControlOrMeta+Shift+P')
      await keys.type('Chips are the new steel')
      await keys.press('Enter')
      await keys.type('Foreign Minister')
      await keys.press('Enter')
      await keys.press('ControlOrMeta+Shift+8')
      await keys.type('Research')
      await keys.press('Enter')
      await keys.type('Training')
      // In a list Tab indents, as in any word processor...
      await keys.press('Tab')
      await expect(body.locator('li li')).toHaveText('Training')
      await expect(body).toBeFocused()
      // ...and Escape, then Tab, leaves the body for the next field.
      await keys.press('Escape')
      await keys.press('Tab')
      await expect(page.getByLabel('Byline')).toBeFocused()
      await expect(body.getByRole('heading', { level: 2 })).toHaveText('What the pact covers')
      await expect(body.getByRole('figure').locator('blockquote')).toHaveText(
        'Chips are the new steel',
      )
      await expect(body.getByRole('figure').locator('figcaption')).toHaveText('Foreign Minister')
    },
  )

  await keys.step('byline and credit', 3, async () => {
    await keys.type('Asha Rao')
    await keys.press('Enter')
    await keys.moveTo(page.getByLabel('Agency credit'), 2)
    await keys.type('IANS')
  })

  await keys.step('a source with its link', 4, async () => {
    await keys.moveTo(page.getByRole('button', { name: 'Add source' }), 2)
    await keys.press('Enter')
    await expect(page.getByLabel('Source 1 name')).toBeFocused()
    await keys.type('Ministry of External Affairs')
    await keys.press('Tab')
    await keys.type('https://mea.gov.in')
  })

  await keys.step('tags', 5, async () => {
    await keys.moveTo(page.getByLabel('Tags'), 3)
    await keys.type('diplomacy')
    await keys.press('Enter')
  })

  await keys.step('a person among the entities', 5, async () => {
    await keys.moveTo(page.getByLabel('Entity kind'), 2)
    await keys.press('Tab')
    await keys.type('S. Jaishankar')
    await keys.press('Enter')
    await expect(page.getByRole('button', { name: 'Remove person S. Jaishankar' })).toBeVisible()
  })

  await keys.step('copyright holder in Rights and embargo', 7, async () => {
    await keys.moveTo(page.getByText('Rights and embargo').first(), 4)
    await keys.press('Enter')
    await keys.press('Tab')
    await expect(page.getByLabel('Copyright holder')).toBeFocused()
    await keys.type('Copydesk News')
  })

  await keys.step('jump from a check to its field, and fix it', 6, async () => {
    await keys.press('ControlOrMeta+Alt+K')
    const check = page
      .getByRole('list', { name: 'Problems' })
      .getByRole('button', { name: /Dateline date is missing/ })
    await keys.moveTo(check, 8)
    await keys.press('Enter')
    await expect(page.getByLabel('Dateline date')).toBeFocused()
    await keys.type('01232026')
    await expect(check).toHaveCount(0)
  })

  await keys.step('submit, focus on the status', 1, async () => {
    await keys.press('ControlOrMeta+Alt+S')
    await expect(status(page, 'Submitted')).toBeFocused()
    await expect(announced(page, 'Submitted for approval')).toBeAttached()
  })

  await keys.step('switch to a desk chief', 10, async () => {
    const profile = page.getByRole('button', { name: /^Profile: / })
    await keys.moveTo(page.getByRole('button', { name: 'Desk queue' }), 3, 'Shift+F6')
    await keys.moveTo(profile, 2)
    await keys.press('Enter')
    await expect(page.getByLabel('Your name')).toBeFocused()
    await keys.press('ControlOrMeta+A')
    await keys.type('Vikram Desk')
    await keys.press('Tab')
    await keys.press('ArrowDown')
    await expect(page.getByRole('radio', { name: 'Desk chief' })).toBeChecked()
    await keys.press('Enter')
    await expect(page.getByRole('dialog')).toHaveCount(0)
    // Focus is back on the control that opened the dialog.
    await expect(profile).toBeFocused()
    await expect(profile).toHaveAccessibleName(/Vikram Desk, Desk chief/)
  })

  await keys.step('approve, focus on the status', 1, async () => {
    await keys.press('ControlOrMeta+Alt+A')
    await expect(status(page, 'Approved')).toBeFocused()
    await expect(announced(page, 'Approved')).toBeAttached()
  })

  const exportDir = join(desk.dataDir, 'exports')
  await keys.step('export the approved story to a folder', 11, async () => {
    // F6 to the side panel: its selected tab; End selects the last, Export.
    await keys.moveTo(page.getByRole('tab', { selected: true }), 4, 'F6')
    await keys.press('End')
    await expect(page.getByRole('tab', { name: 'Export' })).toBeFocused()
    await expect(page.getByRole('tab', { name: 'Export' })).toHaveAttribute('aria-selected', 'true')
    await keys.moveTo(page.getByLabel('Export folder'), 3)
    await keys.type(exportDir)
    await keys.moveTo(page.getByRole('button', { name: 'Export to folder' }), 2)
    await keys.press('Enter')
    await expect(page.getByRole('status').filter({ hasText: /^Exported: / })).toBeVisible()
  })

  const [file] = await readdir(exportDir)
  const exported = JSON.parse(await readFile(join(exportDir, file ?? ''), 'utf8'))
  expect(exported).toMatchObject({
    headline: 'India and Japan sign a chips pact in New Delhi',
    final: true,
  })
  expect(JSON.stringify(exported)).toContain('Chips are the new steel')
  expect(exported).toMatchObject({
    byline: ['Asha Rao'],
    credit: 'IANS',
    tags: ['diplomacy'],
    dateline: { place: 'New Delhi', date: '2026-01-23' },
    sources: [{ name: 'Ministry of External Affairs' }],
    entities: [{ kind: 'person', name: 'S. Jaishankar' }],
    keyPoints: { items: expect.arrayContaining(['A supply-chain fund']) },
  })
  // The copyright holder is not in the Copydesk format: it is on the stored story.
  const [stored] = await readdir(join(desk.dataDir, 'articles'))
  const article = JSON.parse(await readFile(join(desk.dataDir, 'articles', stored ?? ''), 'utf8'))
  expect(article.copyrightHolder).toBe('Copydesk News')
  console.log(keys.counts.map((c) => `${c.presses}/${c.bound}  ${c.step}`).join('\n'))
})
