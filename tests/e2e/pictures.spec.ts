import { readFile } from 'node:fs/promises'
import { expect, test } from './deskTest'
import { expectSaved, signIn, startNewArticle } from './actions'
import { axeScreens } from './axeScreens'
import { dropFile, media, paste } from './pictureActions'

test('a lead picture by chooser and by drop, words prefilled, checks fixed, a pasted figure, all kept', async ({
  page,
  desk,
}) => {
  // A long journey: pictures stored and renditions made four times on a shared two-core machine.
  test.setTimeout(150_000)
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  await startNewArticle(page, 'Warehouse fire in Pune')
  const lead = page.getByRole('region', { name: 'Lead picture' })

  // A refused file is said beside the field; nothing changes.
  await lead.getByLabel('Lead picture file').setInputFiles({
    name: 'photo.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'),
  })
  await expect(lead.getByRole('alert')).toContainText('“photo.jpg” is an SVG drawing')
  await expect(lead.getByRole('button', { name: 'Add lead picture' })).toBeVisible()

  // By drop: a tagged agency photo brings its caption, credit, creator, copyright and alt text.
  await dropFile(lead, 'tagged.jpg', 'image/jpeg')
  await expect(lead.getByLabel('Caption')).toHaveValue(
    'Firefighters tackle a blaze at a warehouse in Pune on Monday.',
  )
  await expect(lead.getByLabel('Credit')).toHaveValue('Copydesk Photo Agency')
  await expect(lead.getByLabel('Alt text')).toHaveValue(
    'Three firefighters spray water at a burning two-storey warehouse at dusk.',
  )
  await expect(lead.getByRole('img', { name: /^Three firefighters/ })).toBeVisible()
  await expect(lead.getByRole('alert')).toHaveCount(0)
  await expect(page.getByText(/Copydesk imports wire copy/)).toHaveCount(0)

  // By the file chooser: a photo with a caption only; the checks ask for its alt text.
  await lead.getByLabel('Lead picture file').setInputFiles(media('caption-only.jpg'))
  await expect(lead.getByLabel('Caption')).toHaveValue('Crowds gather at the Gateway of India.')
  // The replaced photo's alt text, credit and creator describe that photo: they do not carry over.
  await expect(lead.getByLabel('Alt text')).toHaveValue('')
  await expect(lead.getByLabel('Creator')).toHaveValue('')
  const checks = page.getByRole('list', { name: 'Problems' })
  await checks.getByRole('button', { name: /The lead picture has no alt text/ }).click()
  await expect(lead.getByLabel('Alt text')).toBeFocused()
  await lead.getByLabel('Alt text').fill('A crowd at the Gateway of India on a bright morning.')
  await lead.getByLabel('Credit').fill('')
  await checks.getByRole('button', { name: /The lead picture has no credit/ }).click()
  await expect(lead.getByLabel('Credit')).toBeFocused()
  await lead.getByLabel('Credit').fill('Desk Photo')
  // Only the warning stays: this photo is narrower than the desk's minimum for a lead.
  await expect(checks.getByRole('button', { name: /lead picture/ })).toHaveText([
    /Warning: The lead picture is \d+ px wide; the desk wants at least 1,200 px/,
  ])

  // A picture pasted inside HTML as a data: URL becomes a figure; a file: one is left out.
  const png = (await readFile(media('small.png'))).toString('base64')
  await page.getByRole('textbox', { name: 'Article body' }).click()
  await page.keyboard.type('The fire broke out at dawn.')
  await paste(page, {
    'text/plain': 'From the scene',
    'text/html': `<p>From the scene</p><img src="data:image/png;base64,${png}"><img src="file:///etc/passwd">`,
  })
  const figure = page.getByRole('group', { name: /^Picture:/ })
  await expect(figure).toHaveCount(1)
  await expect(page.getByRole('status').filter({ hasText: 'left out of the paste' })).toBeVisible()
  await checks.getByRole('button', { name: /Picture 1 in the body has no alt text/ }).click()
  await expect(figure.getByLabel('Picture alt text')).toBeFocused()
  await figure.getByLabel('Picture alt text').fill('A small test card')
  await figure.getByLabel('Picture caption').fill('Smoke over the warehouse district.')
  await figure.getByLabel('Picture credit').fill('Reader photo')
  await expect(checks.getByRole('button', { name: /Picture 1/ })).toHaveCount(0)
  await expect(figure.getByRole('img', { name: 'A small test card' })).toBeVisible()
  await expectSaved(page)

  await page.reload()
  await expect(lead.getByLabel('Alt text')).toHaveValue(
    'A crowd at the Gateway of India on a bright morning.',
  )
  await expect(lead.getByLabel('Credit')).toHaveValue('Desk Photo')
  await expect(lead.getByRole('img', { name: /^A crowd at the Gateway/ })).toBeVisible()
  await expect(figure.getByLabel('Picture caption')).toHaveValue(
    'Smoke over the warehouse district.',
  )
  await expect(figure.getByRole('img', { name: 'A small test card' })).toBeVisible()

  // The desk's minimum width is a setting: lowered below this photo's, the warning goes.
  await page.getByRole('button', { name: 'Desk settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Desk settings' })
  await settings.getByLabel('Narrowest lead picture (pixels)').fill('40')
  await settings.getByRole('button', { name: 'Save settings' }).click()
  await expect(settings).toBeHidden()
  await expect(checks.getByRole('button', { name: /lead picture/ })).toHaveCount(0)

  const axe = axeScreens(page, 'pictures')
  await axe.scan('editor with a lead picture and a figure')
  expect(axe.findings).toEqual([])
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    await page.getByRole('heading', { name: 'Lead picture' }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: `test-results/pictures-editor-${theme}.png` })
    await figure.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `test-results/pictures-figure-${theme}.png` })
  }

  // The reader preview shows both pictures in their places, with their words under them.
  await page.emulateMedia({ colorScheme: 'light' })
  await page.getByRole('button', { name: 'Preview', exact: true }).click()
  const preview = page.getByRole('article', { name: 'Preview' })
  await expect(preview.getByRole('img', { name: /^A crowd at the Gateway/ })).toBeVisible()
  const previewFigure = preview.getByRole('figure').filter({ hasText: 'Smoke over the warehouse' })
  await expect(previewFigure).toContainText('Reader photo')
  await expect(previewFigure.getByRole('img', { name: 'A small test card' })).toBeVisible()
  await preview.getByRole('img', { name: /^A crowd at the Gateway/ }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: `test-results/pictures-preview.png` })
})

test('pictures into the body by Insert picture and by drop; an https one only on the user’s say-so', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000)
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  await startNewArticle(page, 'Dam opens')
  await page
    .getByRole('region', { name: 'Lead picture' })
    .screenshot({ path: 'test-results/pictures-lead-empty.png' })
  const body = page.getByRole('textbox', { name: 'Article body' })
  await body.click()
  await page.keyboard.type('The gates opened at noon.')

  await page.getByLabel('Picture files to insert').setInputFiles(media('tagged.jpg'))
  const figures = page.getByRole('group', { name: /^Picture:/ })
  await expect(figures).toHaveCount(1)
  await expect(figures.first().getByLabel('Picture credit')).toHaveValue('Copydesk Photo Agency')

  // A drawing dropped on the body is refused with its reason; nothing is inserted or imported.
  await dropFile(body, 'small.png', 'image/png')
  await expect(figures).toHaveCount(2)
  await dropFile(body, 'chart.png', 'image/png')
  await expect(
    page.getByRole('status').filter({ hasText: '“chart.png” is an SVG drawing' }),
  ).toBeVisible()
  await expect(figures).toHaveCount(2)
  await expect(page.getByRole('dialog', { name: 'Review import' })).toHaveCount(0)

  // An https picture in pasted HTML waits for a yes; "Leave it out" fetches nothing.
  await page.getByText('The gates opened at noon.').click()
  await page.keyboard.press('End')
  await paste(page, {
    'text/plain': 'Downstream',
    'text/html': '<p>Downstream</p><img src="https://photos.example.org/dam.jpg">',
  })
  const ask = page.getByRole('dialog', {
    name: 'Download the pasted picture from photos.example.org?',
  })
  await expect(ask).toContainText('https://photos.example.org/dam.jpg')
  await ask.getByRole('button', { name: 'Leave it out' }).click()
  await expect(ask).toHaveCount(0)
  await expect(body).toContainText('Downstream')
  await expect(figures).toHaveCount(2)
  await expectSaved(page)
})
