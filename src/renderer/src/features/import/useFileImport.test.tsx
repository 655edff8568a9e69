import { act, useCallback, useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { OpenedFile } from '../../../../shared/ipc/channels'
import { reactRootPerTest } from '../../../../../tests/support/reactRootPerTest'

// The Electron preload as the window sees it, set before api.ts reads window.api.
const preload = vi.hoisted(() => {
  const listeners = new Set<(file: OpenedFile) => void>()
  const proposed: string[] = []
  window.api = {
    call: async (_method, input) => {
      const { name, content } = input as { name: string; content: string }
      proposed.push(name)
      if (content === '{}')
        return {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: `${name} has nothing to import: no headline and no text.`,
          },
        }
      return {
        ok: true,
        value: { format: 'ninjs', fields: { headline: content }, messages: [], unplaced: [] },
      }
    },
    onMenuCommand: () => () => undefined,
    onOpenedFile: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return { proposed, open: (file: OpenedFile) => listeners.forEach((listener) => listener(file)) }
})

const { useFileImport } = await import('./useFileImport')
const dom = reactRootPerTest()

function Shown() {
  const [errors, setErrors] = useState<string[]>([])
  const handleError = useCallback((message: string) => setErrors((all) => [...all, message]), [])
  const { pending, clear } = useFileImport(handleError)
  return (
    <div>
      <p>{pending ? `Reviewing ${pending.source}` : 'No review'}</p>
      {errors.map((error) => (
        <p role="alert" key={error}>
          {error}
        </p>
      ))}
      <button onClick={clear}>Close review</button>
    </div>
  )
}

const text = () => dom.container.querySelector('p')?.textContent
const alerts = () => [...dom.container.querySelectorAll('[role="alert"]')].map((a) => a.textContent)
const closeReview = () => act(async () => dom.container.querySelector('button')?.click())

describe('files opened from the system (double-click, command line, second start)', () => {
  it('shows each in the import review, one after another, and names a file that cannot be', async () => {
    await act(async () => dom.root.render(<Shown />))
    await act(async () => {
      preload.open({ name: 'fire.ninjs.json', content: 'Fire at the port' })
      preload.open({ name: 'empty.json', content: '{}' })
      preload.open({ name: 'gone.json', error: 'there is no such file (moved or deleted?).' })
      preload.open({ name: 'vote.json', content: 'Council vote' })
      preload.open({ name: 'photo.png', content: 'PNG' })
    })
    expect(text()).toBe('Reviewing fire.ninjs.json')
    // The next file waits until this review is closed.
    expect(preload.proposed).toEqual(['fire.ninjs.json'])
    await closeReview()
    expect(text()).toBe('Reviewing vote.json')
    expect(alerts()).toEqual([
      'empty.json could not be imported: empty.json has nothing to import: no headline and no text.',
      'gone.json could not be imported: there is no such file (moved or deleted?).',
    ])
    await closeReview()
    expect(text()).toBe('No review')
    expect(alerts()[2]).toBe(
      'photo.png: Copydesk imports wire copy (.txt), ninjs (.json) and HTML (.html).',
    )
  })
})
