import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../../../shared/domain/Clock'
import { LiveAnnouncer } from '../../a11y/LiveAnnouncer'
import { SaveIndicator } from './SaveIndicator'
import type { SaveState } from './SaveState'

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true })

let container: HTMLDivElement
let root: Root
beforeEach(() => {
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
})
afterEach(() => {
  act(() => root.unmount())
  container.remove()
})

/** Shows the indicator in `state` beside the app's live region; returns what that region says. */
async function show(state: SaveState): Promise<string> {
  await act(async () =>
    root.render(
      <>
        <LiveAnnouncer />
        <SaveIndicator state={state} onRetry={() => undefined} />
      </>,
    ),
  )
  return container.querySelector('[aria-live]')?.textContent ?? ''
}

const full = 'The disk is full (ENOSPC)'
const later = systemClock.now().getTime() + 60_000

describe('SaveIndicator', () => {
  // Regression (issue 13): the indicator was itself a live region, so screen readers read every
  // keystroke's "Unsaved changes" and a retry countdown once a second.
  it('is no live region, and keeps the visible countdown out of the one that speaks', async () => {
    await show({ kind: 'failed', reason: full, retryAt: later })
    const indicator = container.querySelector('[aria-label="Save state"]')
    expect(indicator?.textContent).toMatch(/Not saved · retrying in \d+ s/)
    expect(indicator?.getAttribute('role')).toBe('group')
    expect(indicator?.closest('[aria-live], [role="status"], [role="alert"]')).toBeNull()
    const live = [...container.querySelectorAll('[aria-live], [role="status"], [role="alert"]')]
    expect(live.map((region) => region.textContent).join(' ')).not.toContain('retrying')
  })

  it('announces a failure once through its retries, and "Saved" once it lands', async () => {
    expect(await show({ kind: 'unsaved' })).toBe('')
    expect(await show({ kind: 'failed', reason: full, retryAt: later })).toBe(`Not saved: ${full}`)
    const region = container.querySelector('[aria-live]')
    const spoken = region?.firstElementChild
    await show({ kind: 'saving' })
    await show({ kind: 'failed', reason: full, retryAt: later + 2000 })
    // The same element with the same words: nothing new was said.
    expect(region?.firstElementChild).toBe(spoken)
    expect(await show({ kind: 'saved', at: '2026-12-01T09:00:00Z' })).toBe('Saved')
  })
})
