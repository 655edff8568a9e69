import { act, useEffect, useState } from 'react'
import { describe, expect, it } from 'vitest'
import type { InboxItem, SyncSnapshot } from '../../../../shared/domain/SyncSnapshot'
import { DeskNoteBanner } from './DeskNoteBanner'
import { SyncContext, type Sync } from './SyncContext'
import { useDeskNotes } from './useDeskNotes'
import { reactRootPerTest } from '../../../../../tests/support/reactRootPerTest'
import { syncSnapshot } from '../../../../../tests/support/syncSnapshots'

const dom = reactRootPerTest()

const item = (id: string, storyId: string, body: string): InboxItem => ({
  id,
  storyId,
  headline: 'Council approves the budget',
  kind: 'sent-back',
  by: 'Ben Chief',
  body,
  at: '2026-12-01T14:05:00.000Z',
  read: false,
})

let arrive: (next: InboxItem) => void = () => undefined

/** The window's sync state, where marking read does what main does: the items stay, read. */
function Window({ first, storyId }: { first: InboxItem[]; storyId: string }) {
  const [snapshot, setSnapshot] = useState<SyncSnapshot>(syncSnapshot(1, { inbox: first }))
  useEffect(() => {
    arrive = (next) =>
      setSnapshot((was) => ({ ...was, version: was.version + 1, inbox: [next, ...was.inbox] }))
  }, [])
  const sync: Sync = {
    snapshot,
    markInboxRead: async (ids) =>
      setSnapshot((was) => ({
        ...was,
        version: was.version + 1,
        inbox: was.inbox.map((i) => (ids.includes(i.id) ? { ...i, read: true } : i)),
      })),
    resolveConflict: () => Promise.reject(new Error('not here')),
    dismissRefusal: async () => undefined,
  }
  return (
    <SyncContext.Provider value={sync}>
      <Banner storyId={storyId} />
      <p id="unread">{snapshot.inbox.filter((i) => !i.read).length} unread</p>
    </SyncContext.Provider>
  )
}

function Banner({ storyId }: { storyId: string }) {
  const notes = useDeskNotes(storyId, true)
  return <DeskNoteBanner items={notes.items} onDismiss={notes.dismiss} />
}

const banner = () => dom.container.querySelector('section[aria-label="From the desk"]')
const unread = () => dom.container.querySelector('#unread')?.textContent

describe('the desk’s messages on the open story', () => {
  it('counts them read once shown, keeps the banner until dismissed, and shows the next one', async () => {
    await act(async () =>
      dom.root.render(
        <Window
          storyId="s1"
          first={[item('n1', 's1', 'Cut the second paragraph'), item('n0', 's2', 'Other story')]}
        />,
      ),
    )
    expect(banner()?.textContent).toContain('Cut the second paragraph')
    expect(banner()?.textContent).not.toContain('Other story')
    expect(unread()).toBe('1 unread')

    await act(async () => banner()?.querySelector('button')?.click())
    expect(banner()).toBeNull()

    await act(async () => arrive(item('n2', 's1', 'And check the figures')))
    expect(banner()?.textContent).toContain('And check the figures')
    expect(banner()?.textContent).not.toContain('Cut the second paragraph')
    expect(unread()).toBe('1 unread')
  })
})
