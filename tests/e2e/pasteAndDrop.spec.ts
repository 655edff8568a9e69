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
  // Kept as the URL standard writes it (normalizeLink), which the publish schemas accept.
  await expect(body.getByRole('link', { name: 'link', exact: true })).toHaveAttribute(
    'href',
    'https://gov.example/',
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
  // Item 9: the standfirst after the second headline is placed in one click.
  const notPlaced = review.getByRole('region', { name: /Not placed/ })
  await expect(notPlaced).toContainText('India and Japan bolster strategic ties, launching')
  await notPlaced.getByRole('button', { name: /^Summary: India and Japan bolster/ }).click()
  await expect(review.getByRole('region', { name: /Not placed/ })).toHaveCount(0)
  await review.getByRole('button', { name: 'Create article' }).click()
  await expect(page.getByLabel('Deck')).toHaveValue(
    'India, Japan bolster strategic and economic ties',
  )
  await expect(page.getByLabel('Summary')).toHaveValue(
    /open, inclusive regional architecture\. India and Japan bolster strategic ties, launching/,
  )
})

async function dropFile(page: Page, path: string, name: string): Promise<void> {
  const content = await readFile(path, 'utf8')
  const transfer = await page.evaluateHandle(
    ([text, fileName]) => {
      const data = new DataTransfer()
      data.items.add(new File([text ?? ''], fileName ?? 'x', { type: 'application/json' }))
      return data
    },
    [content, name],
  )
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer })
}
const agency = (name: string) =>
  fileURLToPath(new URL(`../fixtures/agency/${name}`, import.meta.url))

test('a TT ninjs item keeps its photo caption aside, its language and its entities', async ({
  page,
  desk,
}) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  await dropFile(page, agency('tt-ovning.ninjs.json'), 'tt-ovning.json')
  const review = page.getByRole('dialog', { name: 'Review import' })
  await expect(review).toContainText('read as IPTC ninjs · language sv')
  const caption = review.getByRole('listitem', { name: /Not placed: Soldater under/ })
  await expect(caption).toContainText('Photo caption')
  await expect(caption).toContainText('Credit: Karin Fotograf/TT')
  await expect(caption).toContainText('http://tt.se/media/image/sdlk2sirkP')
  await expect(review.getByLabel('Preview')).not.toContainText('FörsvarTT')
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/import-not-placed.png` })
  await review.getByRole('button', { name: /^Drop: Soldater under/ }).click()
  await review.getByRole('button', { name: 'Create article' }).click()

  await expect(page.getByLabel('Headline')).toHaveValue('Stor försvarsövning hålls nästa år')
  await expect(page.getByLabel('Language')).toHaveValue('sv')
  const entities = page.getByRole('group', { name: 'People, places, organisations' })
  await expect(entities).toContainText('Försvarsmakten')
  await expect(entities.getByRole('link', { name: 'link' }).first()).toHaveAttribute(
    'href',
    'http://www.wikidata.org/entity/Q1141946',
  )
  await page.getByLabel('Entity kind').selectOption('place')
  await page.getByLabel('Entity name').fill('Skåne')
  await page.getByLabel('Entity URI').fill('http://www.wikidata.org/entity/Q104891')
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(entities).toContainText('Skåne')
  await page.getByLabel('Language').fill('sv-SE')
  await expectSaved(page)
  const stored = JSON.parse(await storedJson(desk.dataDir))
  expect(stored).toMatchObject({
    language: 'sv-SE',
    credit: 'TT',
    feedItem: { uri: 'http://tt.se/media/text/260526-ovning-a0f2d045' },
  })
  expect(stored.entities).toContainEqual({
    kind: 'place',
    name: 'Skåne',
    uri: 'http://www.wikidata.org/entity/Q104891',
  })
  if (process.env['SCREENSHOTS']) {
    await entities.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/editor-entities.png` })
    await page.getByLabel('Language').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/editor-language.png` })
  }
})

test('an agency kill is a warning naming the earlier story, never a story to create', async ({
  page,
  desk,
}) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  await dropFile(page, agency('ap-trial.ninjs.json'), 'ap-trial.json')
  await page
    .getByRole('dialog', { name: 'Review import' })
    .getByRole('button', { name: 'Create article' })
    .click()
  await expect(page.getByLabel('Headline')).toHaveValue('Ferry captain goes on trial in Tuscany')
  await expectSaved(page)
  await dropFile(page, agency('ap-kill.ninjs.json'), 'ap-kill.json')
  const kill = page.getByRole('dialog', { name: 'Agency kill' })
  await expect(kill.getByRole('alert')).toContainText(
    'Do not publish: the agency has withdrawn “Ferry captain goes on trial in Tuscany”',
  )
  await expect(kill.getByRole('alert')).toContainText('On this desk: Ferry captain goes on trial')
  await expect(kill.getByRole('button', { name: 'Create article' })).toHaveCount(0)
  if (process.env['SCREENSHOTS'])
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/import-kill.png` })
  await kill.getByRole('button', { name: 'Open the earlier story' }).click()
  await expect(page.getByLabel('Headline')).toHaveValue('Ferry captain goes on trial in Tuscany')
  await expect(page.getByRole('dialog', { name: 'Agency kill' })).toHaveCount(0)
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
