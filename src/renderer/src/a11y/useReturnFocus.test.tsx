import { act, useState } from 'react'
import { expect, it } from 'vitest'
import { useReturnFocus } from './useReturnFocus'
import { reactRootPerTest } from '../../../../tests/support/reactRootPerTest'

const dom = reactRootPerTest()

function Panel({ onClose }: { onClose: () => void }) {
  useReturnFocus()
  return (
    <div role="dialog">
      <input aria-label="Note" autoFocus />
      <button onClick={onClose}>Done</button>
    </div>
  )
}

function Page() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button onClick={() => setOpen(true)}>Open settings</button>
      {open && <Panel onClose={() => setOpen(false)} />}
    </>
  )
}

// Regression (issue 13): closing a dialog left focus on the page's body, not on its opener.
it('gives focus back to the control that opened it when it closes', () => {
  act(() => dom.root.render(<Page />))
  const opener = dom.container.querySelector('button')
  if (!opener) throw new Error('no opener')
  opener.focus()
  act(() => opener.click())
  expect(document.activeElement?.getAttribute('aria-label')).toBe('Note')
  act(() => {
    Array.from(dom.container.querySelectorAll('button'))
      .find((b) => b.textContent === 'Done')
      ?.click()
  })
  expect(document.activeElement).toBe(opener)
})
