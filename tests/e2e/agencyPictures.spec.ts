import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from './deskTest'
import { expectSaved, signIn } from './actions'

const agency = (name: string) =>
  fileURLToPath(new URL(`../fixtures/agency/${name}`, import.meta.url))

/** The files in the data folder's picture store (none until a picture is taken). */
async function storedMedia(dataDir: string): Promise<string[]> {
  return readdir(join(dataDir, 'media')).catch(() => [])
}

test('an agency picture waits under the lead picture field; a refused download is said beside it and stores nothing', async ({
  page,
  desk,
}) => {
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page)
  // TT's item with its picture on an address the download refuses (this machine), embargoed.
  const until = new Date(Date.now() + 86_400_000)
  until.setUTCSeconds(0, 0)
  const text = await readFile(agency('tt-ovning.ninjs.json'), 'utf8')
  const item = JSON.parse(text.replaceAll(/https:\/\/[a-z]+\.example\.se\//g, 'https://127.0.0.1/'))
  item.embargoed = until.toISOString()
  const transfer = await page.evaluateHandle((content) => {
    const data = new DataTransfer()
    data.items.add(new File([content], 'tt-ovning.json', { type: 'application/json' }))
    return data
  }, JSON.stringify(item))
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer })

  const review = page.getByRole('dialog', { name: 'Review import' })
  await expect(review.getByRole('list', { name: 'Import notes' })).toContainText(
    'One picture comes with the item (“a001”): kept with the story, not downloaded; they wait under the story',
  )
  await review.getByRole('button', { name: /^Drop: Soldater under/ }).click()
  await review.getByRole('button', { name: 'Create article' }).click()
  await expect(page.getByLabel('Headline')).toHaveValue('Stor försvarsövning hålls nästa år')

  // Listed with TT's words and where it would come from; nothing fetched before the click.
  const waiting = page.getByRole('region', { name: /Agency picture/ })
  const picture = waiting.getByRole('listitem', { name: /^Soldater under/ })
  await expect(picture).toContainText('Soldater under en tidigare övning. Arkivbild.')
  await expect(picture).toContainText('Karin Fotograf/TT')
  await expect(picture).toContainText('from 127.0.0.1')
  await expect(page.getByRole('button', { name: 'Add lead picture' })).toBeVisible()
  await expectSaved(page)
  expect(await storedMedia(desk.dataDir)).toEqual([])

  // The reader preview says the embargo, in the desk's zone (the computer's, here).
  await page.getByRole('button', { name: 'Preview', exact: true }).click()
  await expect(page.getByRole('article', { name: 'Preview' })).toContainText(
    /^Embargoed until \d{1,2} \w{3} \d{4}, \d{2}:\d{2} /,
  )

  const download = picture.getByRole('button', {
    name: 'Download as lead picture: Soldater under en tidigare övning. Arkivbild.',
  })
  await download.click()
  await expect(picture.getByRole('alert')).toHaveText(
    '127.0.0.1 is an address on this machine or the local network (127.0.0.1): pictures are downloaded only from the web.',
  )
  await expect(download).toBeEnabled()
  await expect(page.getByRole('button', { name: 'Add lead picture' })).toBeVisible()
  expect(await storedMedia(desk.dataDir)).toEqual([])
  if (process.env['SCREENSHOTS']) {
    await waiting.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${process.env['SCREENSHOTS']}/agency-picture-refused.png` })
  }
})
