import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { reactRootPerTest } from '../../../../../tests/support/reactRootPerTest'
import type { EditingLease } from '../../../../shared/ipc/calls/leaseCalls'
import { formatTime } from '../../formatTime'
import { LeaseBanner } from './LeaseBanner'

const dom = reactRootPerTest()
const NOW = new Date('2026-12-01T15:00:00.000Z')
const SINCE = '2026-12-01T14:02:00.000Z'

function show(lease: EditingLease, taken: string[] = []) {
  act(() =>
    dom.root.render(
      <LeaseBanner
        lease={lease}
        now={NOW}
        onTakeOver={async (note) => {
          taken.push(note)
        }}
      />,
    ),
  )
}
const button = (name: string) =>
  [...document.querySelectorAll('button')].find((b) => b.textContent === name)

describe('the lease banner in the editor', () => {
  it('names who edits the story since when, read-only, with no Take over for a writer', () => {
    show({ state: 'held', holder: 'Ana Writer', since: SINCE, canTakeOver: false })
    const banner = dom.container.querySelector('[aria-label="Story lease"]')
    expect(banner?.textContent).toContain(`Editing: Ana Writer since ${formatTime(SINCE, NOW)}`)
    expect(banner?.textContent).toContain('read-only here')
    expect(button('Take over')).toBeUndefined()
  })

  it('offers Take over to a desk chief, and the confirmation says the holder keeps their unsynced text as a version', async () => {
    const taken: string[] = []
    show({ state: 'held', holder: 'Ana Writer', since: SINCE, canTakeOver: true }, taken)
    act(() => button('Take over')?.click())
    const dialog = document.querySelector('dialog')
    expect(dialog?.querySelector('h2')?.textContent).toBe('Take this story over from Ana Writer?')
    expect(dialog?.textContent).toContain(
      "Ana Writer's editor turns read-only; what they have not synced is kept as a version",
    )
    const confirm = [...(dialog?.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent === 'Take over',
    )
    // The desk needs a note for the holder: no note, no take-over.
    expect(confirm?.disabled).toBe(true)
    const note = dialog?.querySelector('textarea')
    if (!note) throw new Error('no note field')
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set
      setter?.call(note, 'Needed for the 15:00 edition')
      note.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await act(async () => confirm?.click())
    expect(taken).toEqual(['Needed for the 15:00 edition'])
    expect(document.querySelector('dialog')).toBeNull()
  })

  it('tells the workstation whose lease was taken who took it, when, and that its unsynced text is kept', () => {
    show({
      state: 'taken-over',
      takenBy: 'Ben Chief',
      at: '2026-12-01T14:07:00.000Z',
      note: 'Needed for the 15:00 edition',
    })
    const alert = dom.container.querySelector('[role="alert"]')
    expect(alert?.textContent).toContain(
      `Ben Chief took over this story at ${formatTime('2026-12-01T14:07:00.000Z', NOW)}; what you had not synced is kept as a version`,
    )
    expect(alert?.textContent).toContain('“Needed for the 15:00 edition”')
  })

  it('offline: says the lease could not be taken and that writing goes on', () => {
    show({ state: 'offline', reason: 'Cannot reach the desk' })
    expect(dom.container.textContent).toContain('The story’s lease could not be taken')
    expect(dom.container.textContent).toContain('Keep writing')
  })

  it('shows nothing when the lease is this workstation’s, on a standalone one, or for a story not on the desk yet', () => {
    for (const lease of [
      { state: 'yours', since: SINCE, expiresAt: SINCE },
      { state: 'standalone' },
      { state: 'not-on-desk' },
    ] as const) {
      show(lease)
      expect(dom.container.textContent).toBe('')
    }
  })
})
