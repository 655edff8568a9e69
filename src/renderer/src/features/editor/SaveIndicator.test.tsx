import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../../../shared/domain/Clock'
import { LiveAnnouncer } from '../../a11y/LiveAnnouncer'
import { SaveIndicator } from './SaveIndicator'
import type { SaveState } from './SaveState'
import { reactRootPerTest } from '../../../../../tests/support/reactRootPerTest'

const dom = reactRootPerTest()

/** Shows the indicator in `state` beside the app's live region; returns what that region says. */
async function show(state: SaveState): Promise<string> {
  await act(async () =>
    dom.root.render(
      <>
        <LiveAnnouncer />
        <SaveIndicator state={state} onRetry={() => undefined} />
      </>,
    ),
  )
  return dom.container.querySelector('[aria-live]')?.textContent ?? ''
}

const full = 'The disk is full (ENOSPC)'
const later = systemClock.now().getTime() + 60_000

describe('SaveIndicator', () => {
  // Regression (issue 13): the indicator was itself a live region, so screen readers read every
  // keystroke's "Unsaved changes" and a retry countdown once a second.
  it('is no live region, and keeps the visible countdown out of the one that speaks', async () => {
    await show({ kind: 'failed', reason: full, retryAt: later })
    const indicator = dom.container.querySelector('[aria-label="Save state"]')
    expect(indicator?.textContent).toMatch(/Not saved · retrying in \d+ s/)
    expect(indicator?.getAttribute('role')).toBe('group')
    expect(indicator?.closest('[aria-live], [role="status"], [role="alert"]')).toBeNull()
    const live = [...dom.container.querySelectorAll('[aria-live], [role="status"], [role="alert"]')]
    expect(live.map((region) => region.textContent).join(' ')).not.toContain('retrying')
  })

  it('announces a failure once through its retries, and "Saved" once it lands', async () => {
    expect(await show({ kind: 'unsaved' })).toBe('')
    expect(await show({ kind: 'failed', reason: full, retryAt: later })).toBe(`Not saved: ${full}`)
    const region = dom.container.querySelector('[aria-live]')
    const spoken = region?.firstElementChild
    await show({ kind: 'saving' })
    await show({ kind: 'failed', reason: full, retryAt: later + 2000 })
    // The same element with the same words: nothing new was said.
    expect(region?.firstElementChild).toBe(spoken)
    expect(await show({ kind: 'saved', at: '2026-12-01T09:00:00Z' })).toBe('Saved')
  })
})
