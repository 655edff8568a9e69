import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect, test } from './deskTest'
import { expectSaved, startNewArticle, signIn } from './actions'

const fixturePath = fileURLToPath(new URL('../fixtures/wire-india-japan-ties.txt', import.meta.url))
/** Pastes into the focused body the way a browser does: a paste event carrying clipboard data. */
async function paste(page: Page, data: Record<string, string>): Promise<void> {
  await page.getByRole('textbox', { name: 'Article body' }).evaluate((element, items) => {
    const transfer = new DataTransfer()
    for (const [type, value] of Object.entries(items)) transfer.setData(type, value)
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    )
  }, data)
}

async function storedJson(dataDir: string): Promise<string> {
  const [file] = await readdir(join(dataDir, 'articles'))
  return readFile(join(dataDir, 'articles', file ?? ''), 'utf8')
}

test('a paste from Word keeps its structure and loses its scripts', async ({ page, desk }) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  await page.exposeFunction('reportXss', () => {
    throw new Error('a pasted script ran')
  })
  await startNewArticle(page, 'Pasted from Word')
  await page.getByRole('textbox', { name: 'Article body' }).click()
  await paste(page, {
    'text/plain': 'Budget passes',
    'text/html':
      '<html><body><h1>Budget passes</h1><p class=MsoNormal><b>Bold</b> <i>italic</i> <a href="https://gov.example">link</a> ' +
      '<a href="javascript:window.reportXss()">bad link</a></p><img src=x onerror="window.reportXss()">' +
      '<svg onload="window.reportXss()"></svg><iframe src="javascript:window.reportXss()"></iframe>' +
      '<ul><li>first</li><li>second</li></ul><script>window.reportXss()</script></body></html>',
  })
  const body = page.getByRole('textbox', { name: 'Article body' })
  await expect(body.getByRole('heading', { level: 2, name: 'Budget passes' })).toBeVisible()
  await expect(body.locator('strong')).toHaveText('Bold')
  await expect(body.locator('em')).toHaveText('italic')
  await expect(body.getByRole('link', { name: 'link', exact: true })).toHaveAttribute(
    'href',
    'https://gov.example',
  )
  await expect(body.getByRole('listitem')).toHaveText(['first', 'second'])
  await expect(body.locator('img, svg, iframe, script')).toHaveCount(0)
  await expectSaved(page)
  expect(await storedJson(desk.dataDir)).not.toMatch(/javascript:|onerror|onload|<script/i)
})

test('wire copy pasted into an empty article is reviewed, then fills every part', async ({
  page,
  desk,
}) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  await startNewArticle(page, '')
  await page.getByRole('textbox', { name: 'Article body' }).click()
  await paste(page, { 'text/plain': await readFile(fixturePath, 'utf8') })
  const review = page.getByRole('dialog', { name: 'Review import' })
  await expect(review).toContainText('Pasted text · read as Wire copy')
  await review.getByRole('button', { name: 'Use in this article' }).click()
  await expect(page.getByLabel('Headline')).toHaveValue(/^India, Japan Forge Stronger Ties/)
  await expect(page.getByLabel('Agency credit')).toHaveValue('IANS')
  await expectSaved(page)
  expect(JSON.parse(await storedJson(desk.dataDir))).toMatchObject({
    credit: 'IANS',
    dateline: { place: 'New Delhi' },
  })
})

test('a wire file dropped on the window is offered for import', async ({ page, desk }) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  const text = await readFile(fixturePath, 'utf8')
  const transfer = await page.evaluateHandle((content) => {
    const data = new DataTransfer()
    data.items.add(new File([content], 'ians.txt', { type: 'text/plain' }))
    return data
  }, text)
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer })
  const review = page.getByRole('dialog', { name: 'Review import' })
  await expect(review).toContainText('ians.txt · read as Wire copy')
  await review.getByRole('button', { name: 'Create article' }).click()
  await expect(page.getByLabel('Deck')).toHaveValue(
    'India, Japan bolster strategic and economic ties',
  )
})

test('key points reorder by drag and drop', async ({ page, desk }) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  await startNewArticle(page, 'Drag test')
  for (const point of ['first', 'second', 'third']) {
    await page.getByRole('button', { name: 'Add key point' }).click()
    await page.keyboard.type(point)
  }
  await page
    .getByTitle('Drag to reorder key point 3')
    .dragTo(page.getByLabel('Key point 1', { exact: true }))
  await expect(page.getByLabel('Key point 1', { exact: true })).toHaveValue('third')
  await expect(page.getByLabel('Key point 2', { exact: true })).toHaveValue('first')
})
