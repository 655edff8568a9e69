import { expect, test } from './deskTest'
import { joinDesk, signIn, startDesk, type E2eDesk } from './actions'
import { draftStory } from '../support/storyDesk'
import { LowdbArticleRepository } from '../../src/main/store/LowdbArticleRepository'
import type { DeskClient } from '../../src/shared/desk/createDeskClient'
import { DeskError } from '../../src/shared/desk/DeskError'

const shots = process.env['SCREENSHOTS']

let server: E2eDesk
let ana: DeskClient

// Its tests share one desk server (started once, below): they run in order in one worker.
test.describe.configure({ mode: 'default' })

test.beforeAll(async () => {
  test.setTimeout(180_000)
  server = await startDesk({ email: 'cleo@desk.example', name: 'Cleo Admin' }, [
    { name: 'Ben Chief', email: 'ben@desk.example', role: 'desk-chief' },
    { name: 'Ana Writer', email: 'ana@desk.example', role: 'writer' },
  ])
  ana = await server.signedIn('ana@desk.example', 'Ana’s laptop')
})
test.afterAll(async () => {
  await server?.close()
})

test('a story another person edits opens read-only with who and since when; a desk chief takes it over', async ({
  page,
  desk,
}) => {
  // The story is on the desk and on this workstation (as a first sync leaves it); Ana edits it.
  const story = draftStory({
    headline: 'Council approves the new bridge after a four-hour debate',
    body: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'Lagos city council voted 31 to 9 on Tuesday night to fund the Third Mainland relief bridge.',
            },
          ],
        },
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'Work is due to start in March.' }],
        },
      ],
    },
  })
  await ana.saveStory({ document: story })
  const held = (await ana.acquireLease({ id: story.id })).lease
  const local = await LowdbArticleRepository.open(desk.dataDir, { purpose: 'test' })
  await local.create(story)
  await local.close()

  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page, 'Ben Chief', 'Desk chief')
  await joinDesk(page, server.url, 'ben@desk.example')

  const since = new Date(held.since).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  })
  const articles = page.getByRole('navigation', { name: 'Articles' })
  // The list asks main every few seconds: the first answer after joining names Ana.
  await expect(articles.getByRole('link', { name: /Council approves/ })).toContainText(
    `Editing: Ana Writer since ${since}`,
    { timeout: 20_000 },
  )
  await articles.getByRole('link', { name: /Council approves/ }).click()

  const lease = page.getByRole('status', { name: 'Story lease' })
  await expect(lease).toContainText(`Editing: Ana Writer since ${since}`)
  await expect(lease).toContainText('read-only here')
  const body = page.getByRole('textbox', { name: 'Article body' })
  await expect(body).toHaveAttribute('aria-readonly', 'true')
  await expect(page.getByLabel('Headline')).toBeDisabled()
  if (shots) await page.screenshot({ path: `${shots}/lease-read-only.png` })
  await body.click()
  await page.keyboard.type('Ben was here')
  await expect(body).not.toContainText('Ben was here')

  await lease.getByRole('button', { name: 'Take over' }).click()
  const confirm = page.getByRole('dialog', { name: 'Take this story over from Ana Writer?' })
  await expect(confirm).toContainText(
    "Ana Writer's editor turns read-only; what they have not synced is kept as a version",
  )
  await confirm.getByLabel('Note for Ana Writer').fill('Needed for the 15:00 edition')
  if (shots) await page.screenshot({ path: `${shots}/lease-take-over-confirm.png` })
  await confirm.getByRole('button', { name: 'Take over' }).click()

  // Ben holds it now: the editor is open for typing again, and Ana's workstation is told on renewal.
  await expect(lease).toBeHidden()
  await expect(page.getByRole('textbox', { name: 'Article body' })).toHaveAttribute(
    'aria-readonly',
    'false',
  )
  await expect(page.getByLabel('Headline')).toBeEnabled()
  const told = await ana.renewLease({ id: story.id }).then(
    () => null,
    (error: unknown) => error,
  )
  expect(told).toBeInstanceOf(DeskError)
  expect(told).toMatchObject({ code: 'CONFLICT', details: { takenBy: { name: 'Ben Chief' } } })
  if (shots) await page.screenshot({ path: `${shots}/lease-taken.png` })

  // Closing the story lets the lease go.
  await page.getByRole('button', { name: 'Close article' }).click()
  await expect.poll(async () => (await ana.getStory({ id: story.id })).lease).toBeNull()
})

test('the writer whose story a desk chief took over sees who took it and when, read-only, with what she typed still there', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000)
  const ben = await server.signedIn('ben@desk.example', 'Ben’s desktop')
  const story = draftStory({ headline: 'Ferry fares rise by a third from January' })
  await ben.saveStory({ document: story })
  const local = await LowdbArticleRepository.open(desk.dataDir, { purpose: 'test' })
  await local.create(story)
  await local.close()

  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page, 'Ana Writer', 'Writer')
  await joinDesk(page, server.url, 'ana@desk.example')

  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('link', { name: /Ferry fares/ })
    .click()
  await expect
    .poll(async () => (await ben.getStory({ id: story.id })).lease?.holder.name)
    .toBe('Ana Writer')
  const body = page.getByRole('textbox', { name: 'Article body' })
  await body.click()
  await page.keyboard.press('End')
  await page.keyboard.type(' Commuters say they will drive instead.')

  const taken = (await ben.takeOverLease({ id: story.id, note: 'Needed for the 15:00 edition' }))
    .lease
  const at = new Date(taken.since).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  })
  // Told at the next renewal (within a third of the desk's 120 s lease), or at once by the feed.
  const lease = page.getByRole('alert', { name: 'Story lease' })
  await expect(lease).toContainText(
    `Ben Chief took over this story at ${at}; what you had not synced is kept as a version`,
    { timeout: 60_000 },
  )
  await expect(lease).toContainText('“Needed for the 15:00 edition”')
  await expect(page.getByRole('textbox', { name: 'Article body' })).toHaveAttribute(
    'aria-readonly',
    'true',
  )
  await expect(page.getByRole('textbox', { name: 'Article body' })).toContainText(
    'Commuters say they will drive instead.',
  )
  if (shots) await page.screenshot({ path: `${shots}/lease-taken-over-writer.png` })
  await ben.releaseLease({ id: story.id })
})
