import { act } from 'react'
import { describe, expect, it } from 'vitest'
import type { InboxItem } from '../../../../shared/domain/SyncSnapshot'
import { formatTime } from '../../formatTime'
import { DeskNoteBanner } from './DeskNoteBanner'
import { InboxButton } from './InboxButton'
import { reactRootPerTest } from '../../../../../tests/support/reactRootPerTest'

const dom = reactRootPerTest()
const at = '2026-12-01T14:05:00.000Z'

const item = (id: string, changes: Partial<InboxItem> = {}): InboxItem => ({
  id,
  storyId: 'story-1',
  headline: 'Council approves the budget',
  kind: 'sent-back',
  by: 'Ben Chief',
  body: 'Cut the second paragraph',
  at,
  read: false,
  ...changes,
})

const inboxButton = () =>
  [...dom.container.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Inbox'))

describe('the inbox', () => {
  it('counts the unread on its button, and lists what the desk did, by whom, when and the note', async () => {
    const opened: string[] = []
    const items = [
      item('n2'),
      item('n1', { kind: 'approved', body: null, headline: 'Rail strike ends', read: false }),
      item('n0', { kind: 'note', body: 'Nice lede', read: true }),
    ]
    await act(async () =>
      dom.root.render(
        <InboxButton
          items={items}
          onOpen={(i) => opened.push(i.id)}
          onMarkAllRead={() => undefined}
        />,
      ),
    )
    expect(inboxButton()?.getAttribute('aria-label')).toBe('Inbox, 2 unread')
    expect(inboxButton()?.textContent).toBe('Inbox 2')
    expect(inboxButton()?.getAttribute('aria-expanded')).toBe('false')
    await act(async () => inboxButton()?.click())
    const panel = dom.container.querySelector('section[aria-labelledby]')
    const rows = [...(panel?.querySelectorAll('li') ?? [])].map((li) => li.textContent)
    expect(rows).toEqual([
      `Sent backby Ben Chief${formatTime(at)}, unreadCouncil approves the budgetCut the second paragraph`,
      `Approvedby Ben Chief${formatTime(at)}, unreadRail strike ends`,
      `Noteby Ben Chief${formatTime(at)}Council approves the budgetNice lede`,
    ])
    const first = panel?.querySelector('li button')
    expect(document.activeElement).toBe(first)
    await act(async () => (first instanceof HTMLElement ? first.click() : undefined))
    expect(opened).toEqual(['n2'])
    expect(dom.container.querySelector('section[aria-labelledby]')).toBeNull()
  })

  it('says there is nothing yet when it is empty, with no count on the button', async () => {
    await act(async () =>
      dom.root.render(
        <InboxButton items={[]} onOpen={() => undefined} onMarkAllRead={() => undefined} />,
      ),
    )
    expect(inboxButton()?.getAttribute('aria-label')).toBe('Inbox')
    await act(async () => inboxButton()?.click())
    expect(dom.container.textContent).toContain('Nothing yet.')
  })
})

describe('the desk note banner in the editor', () => {
  it('says who sent the story back, when, and the note', async () => {
    await act(async () =>
      dom.root.render(<DeskNoteBanner items={[item('n2')]} onDismiss={() => undefined} />),
    )
    const banner = dom.container.querySelector('section[aria-label="From the desk"]')
    expect(banner?.querySelector('p')?.textContent).toBe(
      `Sent back by Ben Chief at ${formatTime(at)}: Cut the second paragraph`,
    )
    expect(banner?.querySelector('button')?.getAttribute('aria-label')).toBe(
      'Dismiss the desk’s message',
    )
  })

  it('shows nothing when there is nothing unread', async () => {
    await act(async () =>
      dom.root.render(<DeskNoteBanner items={[]} onDismiss={() => undefined} />),
    )
    expect(dom.container.innerHTML).toBe('')
  })
})
