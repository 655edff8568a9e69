import { act } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { ArticleSummary } from '../../../../shared/domain/Article'
import { summarize } from '../../../../shared/domain/summarize'
import { newArticle } from '../../../../shared/domain/newArticle'
import { AppError } from '../../../../shared/ipc/AppError'
import { formatTime } from '../../formatTime'
import { QueueScreen } from './QueueScreen'
import { reactRootPerTest } from '../../../../../tests/support/reactRootPerTest'

const dom = reactRootPerTest()

const submitted = (): ArticleSummary => ({
  ...summarize(
    newArticle({
      id: '6f1c2f7e-54a4-4b8e-9a3e-0d3f4f1f2a11',
      author: 'Asha Rao',
      now: '2026-11-30T09:00:00.000Z',
      fields: { headline: 'India, Japan forge stronger ties' },
    }),
  ),
  status: 'submitted',
})

async function show(load: () => Promise<ArticleSummary[]>): Promise<void> {
  await act(async () =>
    dom.root.render(<QueueScreen onOpen={() => undefined} refreshKey={0} load={load} />),
  )
}

const filterNames = () =>
  [...dom.container.querySelectorAll('[aria-label="Filter by state"] button')].map(
    (b) => b.textContent,
  )

describe('the desk queue when it could not ask', () => {
  // Regression: a failed list call was shown as an empty queue, "Nothing is submitted right now",
  // with every state counted 0.
  it('shows the host being unreachable, no counts and no empty queue, and Retry asks again', async () => {
    let answer: () => Promise<ArticleSummary[]> = () =>
      Promise.reject(
        new AppError(
          'IO',
          "Could not reach Copydesk's host (Failed to fetch): is it still running?",
        ),
      )
    await show(() => answer())
    const alert = dom.container.querySelector('[role="alert"]')
    expect(alert?.textContent).toContain('The desk queue could not be loaded')
    expect(alert?.textContent).toContain("Could not reach Copydesk's host")
    expect(dom.container.textContent).not.toContain('Nothing is')
    expect(filterNames()).toContain('Submitted')
    expect(filterNames().join(' ')).not.toMatch(/\d/)

    answer = () => Promise.resolve([submitted()])
    const retry = [...dom.container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Retry',
    )
    await act(async () => retry?.click())
    expect(dom.container.querySelector('[role="alert"]')).toBeNull()
    expect(filterNames()).toContain('Submitted 1')
    expect(dom.container.querySelector('table')?.textContent).toContain(
      'India, Japan forge stronger ties',
    )
  })

  it('shows a store problem in the store’s words', async () => {
    await show(() =>
      Promise.reject(new AppError('IO', 'The disk did not answer (EIO): read failed')),
    )
    expect(dom.container.querySelector('[role="alert"]')?.textContent).toContain(
      'The disk did not answer (EIO): read failed',
    )
    expect(filterNames().join(' ')).not.toMatch(/\d/)
  })

  // Regression (M1): a queue left open after the host died kept its old counts; it only ticked
  // its clock every minute and never asked the store again.
  it('asks again every minute, and shows the failure instead of old counts', async () => {
    vi.useFakeTimers()
    try {
      let answer: () => Promise<ArticleSummary[]> = () => Promise.resolve([submitted()])
      await show(() => answer())
      expect(filterNames()).toContain('Submitted 1')
      answer = () =>
        Promise.reject(
          new AppError(
            'IO',
            "Could not reach Copydesk's host (Failed to fetch): is it still running?",
          ),
        )
      await act(async () => {
        await vi.advanceTimersByTimeAsync(60_000)
      })
      expect(dom.container.querySelector('[role="alert"]')?.textContent).toContain(
        "Could not reach Copydesk's host",
      )
      expect(filterNames().join(' ')).not.toMatch(/\d/)
      expect(dom.container.querySelector('table')).toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it('still says a state is empty when the store answered so', async () => {
    await show(() => Promise.resolve([]))
    expect(dom.container.textContent).toContain('Nothing is submitted right now.')
    expect(filterNames()).toContain('Submitted 0')
  })
})

describe('the desk queue on a workstation joined to a desk', () => {
  // Issue 15: a story submitted on another workstation reached this one's store, but the queue
  // showed it only at its next one-minute poll.
  it('asks the store again as soon as the desk changed stories here', async () => {
    let stories: ArticleSummary[] = []
    // One loader throughout, as the app passes: only the desk's change may ask again.
    const load = () => Promise.resolve(stories)
    const render = (syncVersion: number) =>
      act(async () =>
        dom.root.render(
          <QueueScreen
            onOpen={() => undefined}
            refreshKey={0}
            syncVersion={syncVersion}
            load={load}
          />,
        ),
      )
    await render(3)
    expect(dom.container.textContent).toContain('Nothing is submitted right now.')
    stories = [submitted()]
    await render(4)
    expect(filterNames()).toContain('Submitted 1')
    expect(dom.container.querySelector('table')?.textContent).toContain(
      'India, Japan forge stronger ties',
    )
  })
})

describe('the desk queue on a joined desk', () => {
  it('shows who is editing a story and since when under its headline', async () => {
    const story = submitted()
    const since = '2026-11-30T14:02:00.000Z'
    const loadLeases = () => Promise.resolve([{ storyId: story.id, holder: 'Ana Writer', since }])
    await act(async () =>
      dom.root.render(
        <QueueScreen
          onOpen={() => undefined}
          refreshKey={0}
          load={() => Promise.resolve([story])}
          loadLeases={loadLeases}
        />,
      ),
    )
    const row = dom.container.querySelector('tbody tr')
    expect(row?.querySelector('a')?.textContent).toBe('India, Japan forge stronger ties')
    expect(row?.textContent).toContain(`Editing: Ana Writer since ${formatTime(since)}`)
  })
})
