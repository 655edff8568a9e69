import { fileURLToPath } from 'node:url'
import type { Browser, Page } from '@playwright/test'
import type { DeskClient } from '../../src/shared/desk/createDeskClient'
import { startWebHost } from '../support/startWebHost'
import { FAKE_TOKEN, FakeCms } from '../support/fakeCms'
import { draftStory } from '../support/storyDesk'
import { tempDir } from '../support/tempDir'
import { expectSaved, joinDesk, signIn, startDesk, type E2eDesk } from './actions'
import { expect, test } from './deskTest'

const shots = process.env['SCREENSHOTS']
const CHIEF = { email: 'ben@desk.example', name: 'Ben Chief' }
const WRITER = { email: 'ana@desk.example', name: 'Ana Writer' }

let server: E2eDesk
let admin: DeskClient

const startServer = () => server.start()
const stopServer = () => server.stop()

// Its tests share one desk server (started once, below): they run in order in one worker.
test.describe.configure({ mode: 'default' })

test.beforeAll(async () => {
  test.setTimeout(180_000)
  server = await startDesk(CHIEF, [{ ...WRITER, role: 'writer' }])
  admin = await server.admin()
})
test.afterAll(async () => {
  await server?.close()
})

/** A workstation: its own data folder, browser host and browser context, joined as `who`. */
async function workstation(browser: Browser, who: { email: string; name: string }) {
  const folder = await tempDir('copydesk-e2e-sync-ws-')
  const host = await startWebHost(folder.path)
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } })
  const page = await context.newPage()
  await page.goto(host.url)
  // A new data folder asks who is here first; joining makes the desk account who works here.
  await signIn(page, 'Setting up', 'Writer')
  await joinDesk(page, server.url, who.email)
  return {
    page,
    host,
    async close() {
      await context.close()
      await host.stop()
      await folder.cleanup()
    },
  }
}

const indicator = (page: Page) => page.getByRole('status', { name: 'Sync with the desk' })
const workflow = (page: Page) => page.getByRole('group', { name: 'Workflow' })
const articles = (page: Page) => page.getByRole('navigation', { name: 'Articles' })
const story = (page: Page) => articles(page).getByRole('link', { name: /Coastal road closed/ })
const fixture = fileURLToPath(new URL('../fixtures/wire-india-japan-ties.txt', import.meta.url))

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

async function setDeck(page: Page, deck: string): Promise<void> {
  await page.getByLabel('Deck').fill(deck)
  await expectSaved(page)
}

test('two workstations and one desk: filed offline, the chief’s queue, a note, a conflict kept both ways, a lease taken over', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const a = await workstation(browser, WRITER)
  const b = await workstation(browser, CHIEF)
  try {
    await expect(indicator(a.page)).toHaveText(/Online/)
    await expect(indicator(b.page)).toHaveText(/Online/)
    if (shots) await a.page.screenshot({ path: `${shots}/sync-two-online.png` })

    // A files from the train: the desk is down.
    await stopServer()
    await importFixture(a.page)
    await a.page.getByLabel('Headline').fill('Coastal road closed after the river rose overnight')
    await expectSaved(a.page)
    await workflow(a.page).getByRole('button', { name: 'Submit to desk' }).click()
    await expect(a.page.getByText(/will reach the desk when online/).first()).toBeVisible()
    await expect(indicator(a.page)).toHaveText(
      /Offline since \d\d:\d\d: \d+ changes? will reach the desk when online/,
    )
    if (shots) await a.page.screenshot({ path: `${shots}/sync-two-offline-queued.png` })
    // (An editor showing the story would mark the desk's message read at once: the inbox below
    // is looked at with the story closed.)
    await a.page.getByRole('button', { name: 'Close article' }).click()

    // The desk comes back: the story reaches the chief's queue on B by itself.
    await startServer()
    const restarted = Date.now()
    await b.page.getByRole('button', { name: 'Desk queue' }).click()
    const queue = b.page.getByRole('table', { name: 'Submitted stories' })
    await expect(queue.getByRole('link', { name: /Coastal road closed/ })).toBeVisible()
    test.info().annotations.push({
      type: 'propagation',
      description: `in B's queue ${Date.now() - restarted} ms after the desk started again`,
    })
    await expect(indicator(a.page)).toHaveText('Online')

    // B opens it (taking the lease) and sends it back with a note; A sees who holds it.
    await queue.getByRole('link', { name: /Coastal road closed/ }).click()
    await expect(story(a.page)).toContainText(/Editing: Ben Chief since \d\d:\d\d/, {
      timeout: 20_000,
    })
    if (shots) await a.page.screenshot({ path: `${shots}/sync-two-lease-in-list.png` })
    await workflow(b.page).getByRole('button', { name: 'Request changes' }).click()
    const ask = b.page.getByRole('dialog', { name: 'Request changes' })
    await ask.getByLabel('What needs to change').fill('Say which river, and since when.')
    await ask.getByRole('button', { name: 'Request changes' }).click()
    await b.page.getByRole('button', { name: 'Close article' }).click()

    // A hears of it at once: the inbox, and a banner in the story.
    const inbox = a.page.getByRole('button', { name: 'Inbox, 1 unread' })
    await expect(inbox).toBeVisible()
    await story(a.page).click()
    await expect(a.page.getByRole('region', { name: 'From the desk' })).toContainText(
      'Say which river, and since when.',
    )
    if (shots) await a.page.screenshot({ path: `${shots}/sync-two-desk-note.png` })
    await a.page.getByRole('button', { name: 'Close article' }).click()
    // Closing lets the lease go; stopping the desk before that reached it would leave the lease to
    // run out (two minutes) and the desk refusing B's save meanwhile.
    await expect.poll(deskLease).toBeNull()

    // Both edit the story while the desk is down, then it comes back: the second to reach it
    // gets the conflict view, and both texts are kept.
    await stopServer()
    await story(a.page).click()
    await setDeck(a.page, 'The Periyar rose two metres overnight (from A)')
    await a.page.getByRole('button', { name: 'Close article' }).click()
    await story(b.page).click()
    await setDeck(b.page, 'Police closed the road at dawn (from B)')
    await b.page.getByRole('button', { name: 'Close article' }).click()
    await startServer()
    await expect(indicator(a.page)).toHaveText('Online')
    await expect(indicator(b.page)).toHaveText('Online')
    await story(a.page).click()
    // The window's snapshot already holds the conflict when the editor shows the story.
    await expect(a.page.getByLabel('Headline')).toHaveValue(/Coastal road closed/)
    const aLost = (await a.page.getByRole('alert', { name: 'Sync conflict' }).count()) === 1
    const [second, first] = aLost ? [a, b] : [b, a]
    if (!aLost) {
      await a.page.getByRole('button', { name: 'Close article' }).click()
      await story(b.page).click()
    }
    const mine = aLost ? '(from A)' : '(from B)'
    const theirs = aLost ? '(from B)' : '(from A)'
    const banner = second.page.getByRole('alert', { name: 'Sync conflict' })
    await expect(banner).toContainText(/Your text is kept as version \d+ in History/)
    await expect(second.page.getByLabel('Deck')).toHaveValue(new RegExp(escape(theirs)))
    if (shots) await second.page.screenshot({ path: `${shots}/sync-two-conflict.png` })
    await banner.getByRole('button', { name: 'Compare' }).click()
    const compare = second.page.getByRole('dialog').filter({ hasText: theirs })
    await expect(compare).toContainText(mine)
    if (shots) await second.page.screenshot({ path: `${shots}/sync-two-conflict-compare.png` })
    await compare.getByRole('button', { name: /Close/ }).first().click()
    await banner.getByRole('button', { name: 'Keep mine' }).click()
    await expect(banner).toBeHidden()
    await expect(second.page.getByLabel('Deck')).toHaveValue(new RegExp(escape(mine)))
    await expect(indicator(second.page)).toHaveText('Online')
    // Kept mine on top of theirs: the other workstation gets it too.
    await second.page.getByRole('button', { name: 'Close article' }).click()
    await story(first.page).click()
    await expect(first.page.getByLabel('Deck')).toHaveValue(new RegExp(escape(mine)))

    // A holds the story; B (a desk chief) takes it over; A is told and turns read-only.
    // The first has the story open now, the second closed it.
    if (aLost) {
      await b.page.getByRole('button', { name: 'Close article' }).click()
      await story(a.page).click()
    }
    await expect(story(b.page)).toContainText(/Editing: Ana Writer since \d\d:\d\d/, {
      timeout: 20_000,
    })
    await story(b.page).click()
    const lease = b.page.getByRole('status', { name: 'Story lease' })
    await expect(lease).toContainText(/Editing: Ana Writer since \d\d:\d\d/)
    await lease.getByRole('button', { name: 'Take over' }).click()
    const confirm = b.page.getByRole('dialog', { name: 'Take this story over from Ana Writer?' })
    await confirm.getByLabel('Note for Ana Writer').fill('Needed for the 15:00 edition')
    await confirm.getByRole('button', { name: 'Take over' }).click()
    await expect(lease).toBeHidden()
    const taken = a.page.getByRole('alert', { name: 'Story lease' })
    await expect(taken).toContainText(/Ben Chief took over this story at \d\d:\d\d/)
    await expect(a.page.getByRole('textbox', { name: 'Article body' })).toHaveAttribute(
      'aria-readonly',
      'true',
    )
    if (shots) await a.page.screenshot({ path: `${shots}/sync-two-taken-over.png` })
  } finally {
    await a.close()
    await b.close()
  }
})

/** The lease the desk holds on the test's story (read as the desk admin). */
async function deskLease() {
  const { stories } = await admin.listStories({ limit: 10 })
  const found = stories.find((s) => s.headline.startsWith('Coastal road closed'))
  return found ? found.lease : `no story among ${JSON.stringify(stories.map((s) => s.headline))}`
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

test('a desk chief’s joined workstation pushes through the desk’s outbox: the desk’s webhook gets the approved text once, and the story turns Published', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const cms = await new FakeCms().start()
  const b = await workstation(browser, CHIEF)
  try {
    // The desk's target, set by its admin on the desk server: the workstation's settings play no part.
    await admin.setCmsTarget({
      target: 'webhook',
      url: `${cms.url}/hook`,
      user: '',
      postStatus: 'draft',
      secret: FAKE_TOKEN,
    })
    const writer = await server.signedIn(WRITER.email, 'e2e writer')
    const written = await writer.saveStory({
      document: draftStory({ headline: 'Harbour bridge reopens to traffic' }),
    })
    const id = written.document.id
    await writer.transition({ id, action: 'submit', revision: written.revision, note: '' })
    await admin.transition({ id, action: 'approve', revision: written.revision, note: '' })

    const link = articles(b.page).getByRole('link', { name: /Harbour bridge reopens/ })
    await link.click()
    await expect(b.page.getByRole('group', { name: 'Story' })).toContainText('Approved')
    await b.page.getByRole('tab', { name: 'Export' }).click()
    await b.page.getByRole('button', { name: 'Push to webhook' }).click()
    // The export panel's own line, so a refusal shows its words here rather than "not found".
    await expect(b.page.getByRole('region', { name: 'Export' }).getByRole('status')).toHaveText(
      'Pushed to Webhook: the outbox below shows where it stands.',
    )
    const outbox = b.page.getByRole('list', { name: 'Outbox' })
    await expect(outbox).toContainText('Webhook: Sent')
    // The desk published it; the workstation hears it through the feed.
    await expect(b.page.getByRole('group', { name: 'Story' })).toContainText('Published', {
      timeout: 10_000,
    })
    // The editor read the story again: the outbox below it is the desk's, as it was.
    await expect(outbox).toContainText('Webhook: Sent')
    await b.page.screenshot({ path: test.info().outputPath('sync-push-through-desk.png') })
    if (shots) await b.page.screenshot({ path: `${shots}/sync-push-through-desk.png` })
    expect([...cms.hooks.keys()].filter((key) => key.startsWith(`${id}:`))).toHaveLength(1)
    expect((await admin.getStory({ id })).status).toBe('published')
  } finally {
    await b.close()
    await cms.stop()
  }
})
