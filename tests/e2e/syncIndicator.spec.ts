import type { Page, Route } from '@playwright/test'
import type { InboxItem, SyncSnapshot } from '../../src/shared/domain/SyncSnapshot'
import type { SyncStatus } from '../../src/shared/domain/SyncStatus'
import { expect, test } from './deskTest'
import { joinDesk, signIn, startDesk, startNewArticle, expectSaved } from './actions'
import { axeScreens } from './axeScreens'

const shots = process.env['SCREENSHOTS']

const online: SyncStatus = {
  connection: 'online',
  offlineSince: null,
  reason: null,
  pending: 0,
  refused: null,
  firstSync: { done: 0, total: 0, finished: true },
  queueDamaged: false,
}

/**
 * Main's watchSync answered from the test: the renderer's long poll is held until the test moves
 * the state on, as the real one is held until the snapshot changes. Only the sync calls are
 * answered here (the engine's states are the engine's tests'); every other call goes to the real
 * host and its store.
 */
async function syncStates(page: Page) {
  let current: SyncSnapshot = {
    version: 1,
    joined: true,
    status: online,
    storiesVersion: 0,
    conflicts: [],
    inbox: [],
  }
  let waiting: (() => void)[] = []
  const show = (changes: Partial<SyncSnapshot>) => {
    current = { ...current, ...changes, version: current.version + 1 }
    const wake = waiting
    waiting = []
    for (const resolve of wake) resolve()
  }
  await page.route('**/api/watchSync', async (route: Route) => {
    const input: unknown = route.request().postDataJSON()
    const after =
      typeof input === 'object' &&
      input !== null &&
      'after' in input &&
      typeof input.after === 'number'
        ? input.after
        : 0
    if (current.version <= after) await new Promise<void>((resolve) => waiting.push(resolve))
    await route.fulfill({ json: { ok: true, value: current } }).catch(() => undefined)
  })
  // Marking read does what main does: the items stay in the inbox, read, in a newer snapshot.
  await page.route('**/api/markInboxRead', async (route: Route) => {
    const input: unknown = route.request().postDataJSON()
    const ids =
      typeof input === 'object' && input !== null && 'ids' in input && Array.isArray(input.ids)
        ? input.ids
        : []
    show({ inbox: current.inbox.map((i) => (ids.includes(i.id) ? { ...i, read: true } : i)) })
    await route.fulfill({ json: { ok: true, value: current } })
  })
  return { show }
}

const at = (hhmm: string) => {
  const [hours, minutes] = hhmm.split(':').map(Number)
  const day = new Date()
  day.setHours(hours ?? 0, minutes ?? 0, 0, 0)
  return day.toISOString()
}

test('the connection indicator in every state, the inbox and the desk’s banners in the editor', async ({
  page,
  desk,
}) => {
  // Every state, each checked with axe in both themes: over a minute on a busy 2-core machine.
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1360, height: 820 })
  const states = await syncStates(page)
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page, 'Asha Rao', 'Writer')
  const axe = axeScreens(page, '1360 × 820')
  const indicator = page.getByRole('status', { name: 'Sync with the desk' })
  const bar = page.getByRole('banner')

  const each: [string, SyncStatus, string][] = [
    ['connecting', { ...online, connection: 'connecting' }, 'Connecting to the desk'],
    ['online', online, 'Online'],
    ['syncing', { ...online, pending: 3 }, 'Syncing 3 changes'],
    [
      'downloading',
      { ...online, firstSync: { done: 400, total: 1250, finished: false } },
      "Downloading the desk's stories: 400 of 1250",
    ],
    [
      'offline',
      {
        ...online,
        connection: 'offline',
        offlineSince: at('14:02'),
        reason: 'The desk did not answer (connect ECONNREFUSED 127.0.0.1:4410)',
        pending: 2,
      },
      'Offline since 14:02: 2 changes will reach the desk when online',
    ],
    [
      'signed-out',
      { ...online, connection: 'signed-out', pending: 1 },
      'Sign-in expired: sign in again to sync (1 change waiting)',
    ],
    [
      'refused',
      {
        ...online,
        refused: {
          storyId: 'x',
          reason: 'This story is approved: it can no longer be edited.',
          at: at('14:11'),
        },
      },
      'The desk refused a change: This story is approved: it can no longer be edited.',
    ],
    [
      'disk-full',
      { ...online, diskFull: true, pending: 2 },
      'The disk is full: saving is refused until there is room. Syncing 2 changes',
    ],
    [
      'clock-skew',
      { ...online, clockSkewMs: 3 * 3_600_000 },
      "Online. This computer's clock is 3 hours off (ahead of the desk's); sync still works",
    ],
    [
      'lease-wait',
      {
        ...online,
        pending: 1,
        leaseWaits: [
          {
            storyId: 'x',
            headline: 'Bridge vote delayed',
            holder: 'Ben Chief',
            yourAccount: false,
            until: at('14:07'),
          },
        ],
      },
      'Waiting for Ben Chief to finish editing “Bridge vote delayed” (until 14:07)',
    ],
  ]
  for (const [name, status, words] of each) {
    states.show({ status })
    await expect(indicator).toHaveText(words)
    if (shots) await bar.screenshot({ path: `${shots}/sync-${name}.png` })
    if (name === 'signed-out' || name === 'refused') await axe.scan(`sync indicator, ${name}`)
  }

  // Offline: the details say why, and what waits.
  states.show({ status: each[4]?.[1] ?? online })
  await indicator.getByRole('button').click()
  const details = page.getByRole('region', { name: 'Sync details' })
  await expect(details).toContainText('Why: The desk did not answer')
  await expect(details).toContainText('2 changes made here are kept on this workstation')
  if (shots)
    await page.screenshot({
      path: `${shots}/sync-offline-details.png`,
      clip: { x: 0, y: 0, width: 1360, height: 240 },
    })
  await axe.scan('sync indicator, offline, details open')
  await page.keyboard.press('Escape')
  await expect(details).toBeHidden()

  // Held back by a colleague's edit lease: whose, until when, and that the change goes in then.
  states.show({ status: each[9]?.[1] ?? online })
  await indicator.getByRole('button').click()
  await expect(details).toContainText(
    '“Bridge vote delayed”: Ben Chief is editing it (until 14:07 unless renewed). Your change is kept here and goes in as soon as the story is free.',
  )
  if (shots)
    await page.screenshot({
      path: `${shots}/sync-lease-wait-details.png`,
      clip: { x: 0, y: 0, width: 1360, height: 240 },
    })
  await page.keyboard.press('Escape')
  await expect(details).toBeHidden()

  // Signed out: Sign in again opens Desk settings at the desk server.
  states.show({ status: each[5]?.[1] ?? online })
  await page.getByRole('button', { name: 'Sign in again…' }).click()
  const settings = page.getByRole('dialog', { name: 'Desk settings' })
  await expect(settings.getByRole('region', { name: 'Desk server' })).toBeInViewport()
  await settings.getByRole('button', { name: 'Cancel' }).click()

  // The inbox, and the desk's note on the open story.
  await startNewArticle(page, 'Council approves the budget')
  await expectSaved(page)
  const storyId = new URL(page.url()).hash.split('/').pop() ?? ''
  const item = (id: string, changes: Partial<InboxItem>): InboxItem => ({
    id,
    storyId,
    headline: 'Council approves the budget',
    kind: 'sent-back',
    by: 'Ben Chief',
    body: 'Cut the second paragraph; the mayor’s quote goes higher.',
    at: at('14:05'),
    read: false,
    ...changes,
  })
  await page.getByRole('button', { name: 'Close' }).first().click()
  states.show({
    status: online,
    inbox: [
      item('n3', {}),
      item('n2', {
        kind: 'approved',
        body: null,
        headline: 'Rail strike ends after talks',
        storyId: 'other',
        at: at('13:40'),
      }),
      item('n1', {
        kind: 'note',
        body: 'Good lede.',
        headline: 'Harbour dredging starts',
        storyId: 'other2',
        at: at('11:20'),
        read: true,
      }),
    ],
  })
  const inbox = page.getByRole('button', { name: 'Inbox, 2 unread' })
  await expect(inbox).toBeVisible()
  await inbox.click()
  const panel = page.getByRole('region', { name: 'Inbox' })
  await expect(panel.getByRole('listitem')).toHaveCount(3)
  await axe.scan('inbox open')
  if (shots)
    await page.screenshot({
      path: `${shots}/sync-inbox.png`,
      clip: { x: 360, y: 0, width: 1000, height: 420 },
    })
  await panel.getByRole('button', { name: /Sent back by Ben Chief/ }).click()
  const banner = page.getByRole('region', { name: 'From the desk' })
  await expect(banner).toContainText('Sent back by Ben Chief at 14:05: Cut the second paragraph')
  await axe.scan('editor with the desk’s note')
  // Shown in the editor, it counts as read.
  await expect(page.getByRole('button', { name: 'Inbox, 1 unread' })).toBeVisible()
  if (shots) await page.screenshot({ path: `${shots}/sync-desk-note.png` })
  await banner.getByRole('button', { name: 'Dismiss the desk’s message' }).click()
  await expect(banner).toBeHidden()

  // A sync conflict on the open story: the kept local text is a version in History (here made by
  // hand), the story holds the desk's text.
  await page.getByRole('tab', { name: 'History' }).click()
  await page.getByRole('button', { name: 'Save version' }).click()
  await expect(page.getByRole('list', { name: 'Versions' })).toContainText('Version 2')
  await page
    .getByRole('textbox', { name: 'Headline' })
    .fill('Council passes the budget after a late vote')
  await expectSaved(page)
  states.show({
    conflicts: [
      {
        storyId,
        headline: 'Council passes the budget after a late vote',
        copySeq: 2,
        reason: 'stale',
        theirs: { revision: 7, savedBy: 'Ben Chief', savedAt: at('14:09') },
        message: 'Ben Chief saved this story on the desk while your changes waited offline.',
        at: at('14:12'),
      },
    ],
  })
  const conflict = page.getByRole('alert', { name: 'Sync conflict' })
  await expect(conflict).toContainText(
    'The desk has the text Ben Chief saved at 14:09 (desk revision 7). Your text is kept as version 2 in History.',
  )
  if (shots) await page.screenshot({ path: `${shots}/sync-conflict.png` })
  await axe.scan('editor with a sync conflict')
  await conflict.getByRole('button', { name: 'Compare' }).click()
  const compare = page.getByRole('dialog', { name: 'Compare with the desk’s text' })
  await expect(compare).toContainText('after a late vote')
  await expect(compare).toContainText('Council approves the budget')
  if (shots) await page.screenshot({ path: `${shots}/sync-conflict-compare.png` })
  await compare.getByRole('button', { name: 'Close' }).click()
  expect(axe.findings).toEqual([])
})

// Issue 15: a change the desk made to the local store reached the window only when the person
// reopened the story or waited for the queue's one-minute poll.
test('the article list and the open story follow the desk, and never replace what is typed', async ({
  page,
  desk,
}) => {
  const states = await syncStates(page)
  const host = await desk.start()
  await page.goto(host.url)
  await signIn(page, 'Asha Rao', 'Writer')
  await startNewArticle(page, 'Ferry fares rise')
  await expectSaved(page)
  const list = page.getByRole('navigation', { name: 'Articles' })

  // What the sync engine does to the local store, done here by a second window on the same host.
  const fromTheDesk = async (change: (other: Page) => Promise<void>) => {
    const other = await page.context().newPage()
    await other.goto(host.url)
    // The list loaded first: a new story is counted against what the store holds.
    await expect(
      other
        .getByRole('navigation', { name: 'Articles' })
        .getByRole('link', { name: /Ferry fares/ }),
    ).toBeVisible()
    await change(other)
    await expectSaved(other)
    await other.close()
  }
  await fromTheDesk(async (other) => {
    await other
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('link', { name: /Ferry fares rise/ })
      .click()
    await other.getByLabel('Deck').fill('Fares go up 8% from January')
  })
  await fromTheDesk(async (other) => startNewArticle(other, 'Harbour dredging starts'))
  await expect(list.getByRole('link', { name: /Harbour dredging starts/ })).toHaveCount(0)
  states.show({ storiesVersion: 1 })
  await expect(list.getByRole('link', { name: /Harbour dredging starts/ })).toBeVisible()
  await expect(page.getByLabel('Deck')).toHaveValue('Fares go up 8% from January')
  await expect(page.getByRole('alert', { name: 'Save conflict' })).toHaveCount(0)

  // Typed here and not yet saved when the desk's next change arrives: the text stays, and the
  // save meets the conflict banner instead of being replaced.
  await fromTheDesk(async (other) => {
    await other
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('link', { name: /Ferry fares rise/ })
      .click()
    await other.getByLabel('Deck').fill('Fares go up 9% from January')
  })
  await page.getByLabel('Deck').fill('Fares rise 8%, the first rise in six years')
  states.show({ storiesVersion: 2 })
  await expect(page.getByRole('alert', { name: 'Save conflict' })).toBeVisible()
  await expect(page.getByLabel('Deck')).toHaveValue('Fares rise 8%, the first rise in six years')
})

test('joined to a real desk: online, offline since with what waits, online again, and sign-in expired when the desk revokes the device', async ({
  page,
  desk,
}) => {
  test.setTimeout(180_000)
  const server = await startDesk({ email: 'asha@desk.example', name: 'Asha Rao' })
  try {
    const host = await desk.start()
    await page.setViewportSize({ width: 1360, height: 820 })
    await page.goto(host.url)
    await signIn(page, 'Asha Rao', 'Writer')
    const indicator = page.getByRole('status', { name: 'Sync with the desk' })
    await expect(indicator).toHaveText('')

    await joinDesk(page, server.url, 'asha@desk.example')
    await expect(indicator).toHaveText('Online', { timeout: 30_000 })
    await expect(page.getByRole('button', { name: 'Inbox' })).toBeVisible()
    if (shots) await page.getByRole('banner').screenshot({ path: `${shots}/sync-real-online.png` })

    await startNewArticle(page, 'Tram line opens on Monday')
    await expectSaved(page)
    await expect(indicator).toHaveText('Online', { timeout: 30_000 })

    await server.stop()
    await page.getByLabel('Deck').fill('The first trams run at 5 a.m.')
    await expectSaved(page)
    await expect(indicator).toHaveText(
      /^Offline since \d\d:\d\d: 1 change will reach the desk when online$/,
      { timeout: 60_000 },
    )
    if (shots) await page.getByRole('banner').screenshot({ path: `${shots}/sync-real-offline.png` })

    await server.start()
    await expect(indicator).toHaveText('Online', { timeout: 60_000 })

    // The desk admin revokes this workstation's device (a lost laptop): sync stops and says why.
    const admin = await server.admin()
    const { devices } = await admin.listDevices({})
    for (const device of devices.filter((each) => !each.current))
      await admin.revokeDevice({ deviceId: device.id })
    await page.getByLabel('Deck').fill('The first trams run at 5.30 a.m.')
    await expectSaved(page)
    await expect(indicator).toHaveText(/^Sign-in expired: sign in again to sync/, {
      timeout: 60_000,
    })
    await expect(page.getByLabel('Deck')).toHaveValue('The first trams run at 5.30 a.m.')
    if (shots)
      await page.getByRole('banner').screenshot({ path: `${shots}/sync-real-signed-out.png` })
  } finally {
    await server.close()
  }
})
