import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it } from 'vitest'
import { announce } from './announce'
import { LiveAnnouncer } from './LiveAnnouncer'

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true })

describe('LiveAnnouncer', () => {
  let container: HTMLDivElement
  afterEach(() => container.remove())

  it('is a live region before any text arrives, and then says the announced words', async () => {
    container = document.createElement('div')
    document.body.append(container)
    const root = createRoot(container)
    await act(async () => root.render(<LiveAnnouncer />))
    const region = container.querySelector('[role="status"]')
    expect(region?.getAttribute('aria-live')).toBe('polite')
    expect(region?.textContent).toBe('')
    await act(async () => announce('Submitted for approval'))
    expect(region?.textContent).toBe('Submitted for approval')
    await act(async () => root.unmount())
  })
})
