import { act } from 'react'
import { describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../../../shared/domain/SyncStatus'
import { formatTime } from '../../formatTime'
import { SyncIndicator } from './SyncIndicator'
import { useSyncSnapshot, type WatchSync } from './useSyncSnapshot'
import { reactRootPerTest } from '../../../../../tests/support/reactRootPerTest'
import { fakeSyncWatch, syncSnapshot, syncStatus } from '../../../../../tests/support/syncSnapshots'

const dom = reactRootPerTest()
const offlineAt = '2026-12-01T14:02:00.000Z'

const region = () => dom.container.querySelector('[role="status"]')
const buttons = () => [...dom.container.querySelectorAll('button')]
const button = (name: string) =>
  buttons().find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name)

async function show(
  status: SyncStatus | null,
  actions: Partial<Record<'signIn' | 'dismiss', () => void>> = {},
) {
  await act(async () =>
    dom.root.render(
      <SyncIndicator
        status={status}
        onSignIn={actions.signIn ?? (() => undefined)}
        onDismissRefusal={actions.dismiss ?? (() => undefined)}
      />,
    ),
  )
}

describe('the connection indicator', () => {
  it('shows nothing on a standalone workstation, but its live region is already there', async () => {
    await show(null)
    expect(region()?.getAttribute('aria-live')).toBe('polite')
    expect(region()?.textContent).toBe('')
    expect(buttons()).toHaveLength(0)
  })

  it.each([
    [syncStatus({ connection: 'connecting' }), 'Connecting to the desk', 'sync-info'],
    [syncStatus(), 'Online', 'sync-quiet'],
    [syncStatus({ pending: 3 }), 'Syncing 3 changes', 'sync-info'],
    [
      syncStatus({ firstSync: { done: 200, total: 1250, finished: false } }),
      "Downloading the desk's stories: 200 of 1250",
      'sync-info',
    ],
    [
      syncStatus({ connection: 'signed-out', pending: 1 }),
      'Sign-in expired: sign in again to sync (1 change waiting)',
      'sync-bad',
    ],
    [
      syncStatus({
        refused: { storyId: 's1', reason: 'The story is approved.', at: offlineAt },
      }),
      'The desk refused a change: The story is approved.',
      'sync-bad',
    ],
    [
      syncStatus({ diskFull: true, pending: 2 }),
      'The disk is full: saving is refused until there is room. Syncing 2 changes',
      'sync-bad',
    ],
    [
      syncStatus({ clockSkewMs: 3 * 3_600_000 }),
      "Online. This computer's clock is 3 hours off (ahead of the desk's); sync still works",
      'sync-warn',
    ],
    [syncStatus({ queueDamaged: true }), 'Online', 'sync-warn'],
    [
      syncStatus({
        pending: 1,
        leaseWaits: [
          {
            storyId: 's1',
            headline: 'Bridge vote',
            holder: 'Ben Chief',
            yourAccount: false,
            until: offlineAt,
          },
        ],
      }),
      `Waiting for Ben Chief to finish editing “Bridge vote” (until ${formatTime(offlineAt)})`,
      'sync-info',
    ],
  ])('says the state in words, in a polite status region: %#', async (status, words, tone) => {
    await show(status)
    expect(region()?.textContent).toBe(words)
    expect(dom.container.querySelector('.sync-indicator')?.classList).toContain(tone)
    expect(dom.container.querySelector('svg[aria-hidden="true"]')).not.toBeNull()
  })

  it('says since when it is offline, and that the changes made here will reach the desk', async () => {
    await show(
      syncStatus({
        connection: 'offline',
        offlineSince: offlineAt,
        pending: 2,
        reason: 'connect ECONNREFUSED 127.0.0.1:4410',
      }),
    )
    expect(region()?.textContent).toBe(
      `Offline since ${formatTime(offlineAt)}: 2 changes will reach the desk when online`,
    )
    const state = region()?.querySelector('button')
    expect(state?.getAttribute('aria-expanded')).toBe('false')
    await act(async () => state?.click())
    const details = dom.container.querySelector('[aria-label="Sync details"]')
    expect(details?.textContent).toContain('Why: connect ECONNREFUSED 127.0.0.1:4410')
    expect(details?.textContent).toContain('2 changes made here are kept on this workstation')
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    })
    expect(dom.container.querySelector('[aria-label="Sync details"]')).toBeNull()
    expect(document.activeElement).toBe(state)
  })

  it('says which stories wait for whose edit lease, and that the change goes in when it ends (not refused)', async () => {
    await show(
      syncStatus({
        pending: 2,
        leaseWaits: [
          {
            storyId: 's1',
            headline: 'Bridge vote',
            holder: 'Ben Chief',
            yourAccount: false,
            until: offlineAt,
          },
          { storyId: 's2', headline: '', holder: 'Asha', yourAccount: true, until: offlineAt },
        ],
      }),
    )
    expect(region()?.textContent).toBe(
      `Waiting for Ben Chief to finish editing “Bridge vote” (until ${formatTime(offlineAt)}), and 1 more story`,
    )
    expect(button("Dismiss the desk's refusal")).toBeUndefined()
    await act(async () => region()?.querySelector('button')?.click())
    const details = dom.container.querySelector('[aria-label="Sync details"]')?.textContent
    expect(details).toContain(
      `“Bridge vote”: Ben Chief is editing it (until ${formatTime(offlineAt)} unless renewed). Your change is kept here and goes in as soon as the story is free.`,
    )
    expect(details).toContain('“Untitled story”: open on another of your devices')
  })

  it('offers to sign in again when the sign-in expired', async () => {
    let asked = 0
    await show(syncStatus({ connection: 'signed-out' }), { signIn: () => (asked += 1) })
    await act(async () => button('Sign in again…')?.click())
    expect(asked).toBe(1)
  })

  it('lets a refusal be dismissed, and then shows the state under it', async () => {
    let status = syncStatus({
      refused: { storyId: 's1', reason: 'The story is approved.', at: offlineAt },
    })
    await show(status, {
      dismiss: () => {
        status = { ...status, refused: null }
      },
    })
    await act(async () => button("Dismiss the desk's refusal")?.click())
    await show(status)
    expect(region()?.textContent).toBe('Online')
    expect(button("Dismiss the desk's refusal")).toBeUndefined()
  })
})

function Watched({ watch, sleep }: { watch: WatchSync; sleep?: (ms: number) => Promise<void> }) {
  const { snapshot } = useSyncSnapshot(watch, sleep ? { sleep } : {})
  return (
    <SyncIndicator
      status={snapshot?.status ?? null}
      onSignIn={() => undefined}
      onDismissRefusal={() => undefined}
    />
  )
}

describe('following the sync snapshot', () => {
  it('asks at once, then waits from the last version and shows every change', async () => {
    const main = fakeSyncWatch(
      syncSnapshot(4, { status: syncStatus({ connection: 'connecting' }) }),
    )
    await act(async () => dom.root.render(<Watched watch={main.watch} />))
    expect(region()?.textContent).toBe('Connecting to the desk')
    await act(async () => main.change({ status: syncStatus({ pending: 2 }) }))
    expect(region()?.textContent).toBe('Syncing 2 changes')
    await act(async () =>
      main.change({
        status: syncStatus({ connection: 'offline', offlineSince: offlineAt, pending: 2 }),
      }),
    )
    expect(region()?.textContent).toContain('2 changes will reach the desk when online')
    expect(main.calls[0]).toEqual({ after: 0, waitMs: 0 })
    expect(main.calls.slice(1).map((call) => call.after)).toEqual([4, 5, 6])
    expect(main.calls.slice(1).every((call) => call.waitMs > 0 && call.waitMs <= 25_000)).toBe(true)
  })

  it('keeps the last state while the host does not answer, and follows again when it does', async () => {
    const main = fakeSyncWatch(syncSnapshot(1, { status: syncStatus({ pending: 1 }) }))
    let down = false
    let wake: (() => void) | undefined
    const watch: WatchSync = (after, waitMs) =>
      down
        ? Promise.reject(new Error("Could not reach Copydesk's host"))
        : main.watch(after, waitMs)
    const sleep = () => new Promise<void>((resolve) => (wake = resolve))
    await act(async () => dom.root.render(<Watched watch={watch} sleep={sleep} />))
    expect(region()?.textContent).toBe('Syncing 1 change')
    down = true
    await act(async () => main.change({ status: syncStatus({ pending: 1 }) }))
    expect(region()?.textContent).toBe('Syncing 1 change')
    expect(wake).toBeDefined()
    down = false
    main.change({ status: syncStatus() })
    await act(async () => wake?.())
    expect(region()?.textContent).toBe('Online')
  })
})
