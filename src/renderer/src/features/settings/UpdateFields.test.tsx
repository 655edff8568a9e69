import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { reactRootPerTest } from '../../../../../tests/support/reactRootPerTest'
import type { UpdateSettings } from '../../../../shared/domain/DeskSettings'
import { UpdateFields } from './UpdateFields'

const dom = reactRootPerTest()

/** The fields as a controlled form keeps them: every change is rendered back. */
function mount(initial: UpdateSettings) {
  const changes: UpdateSettings[] = []
  const render = (value: UpdateSettings) =>
    act(() =>
      dom.root.render(
        <UpdateFields
          value={value}
          onChange={(next) => {
            changes.push(next)
            render(next)
          }}
        />,
      ),
    )
  render(initial)
  return changes
}
const checkbox = () => {
  const label = [...document.querySelectorAll('label')].find((l) =>
    l.textContent?.includes('Update Copydesk automatically'),
  )
  const input = label?.querySelector('input')
  if (!input) throw new Error('no "Update Copydesk automatically" checkbox')
  return input
}
const channel = () => {
  const label = [...document.querySelectorAll('label')].find((l) =>
    l.textContent?.startsWith('Update channel'),
  )
  const select = label?.querySelector('select')
  if (!select) throw new Error('no "Update channel" select')
  return select
}

describe('Desk settings: updates', () => {
  it('pins the beta channel and turns updates off, saying what that means', () => {
    const changes = mount({ enabled: true, channel: 'latest' })
    expect(checkbox().checked).toBe(true)
    expect([...channel().options].map((o) => o.textContent)).toEqual([
      'Stable releases',
      'Beta: early releases, and every stable one',
    ])
    act(() => {
      channel().value = 'beta'
      channel().dispatchEvent(new Event('change', { bubbles: true }))
    })
    act(() => checkbox().click())
    expect(changes).toEqual([
      { enabled: true, channel: 'beta' },
      { enabled: false, channel: 'beta' },
    ])
    expect(channel().disabled).toBe(true)
    expect(document.body.textContent).toContain('Copydesk does not look for new versions')
  })
})
