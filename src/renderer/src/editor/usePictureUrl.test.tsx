import { act } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { reactRootPerTest } from '../../../../tests/support/reactRootPerTest'

const MEDIA_ID = `${'a'.repeat(64)}.png`

// The preload as the window sees it, set before api.ts reads window.api: the desk has not sent the
// picture for the first `missing` asks, or never when it lacks it (`never`).
const preload = vi.hoisted(() => {
  const state = { asks: 0, missing: 2, never: false }
  window.api = {
    call: async () => {
      state.asks += 1
      if (state.never || state.asks <= state.missing)
        return {
          ok: false,
          error: {
            code: 'NOT_FOUND',
            message: 'The picture is not in this data folder.',
            details: {
              id: `${'a'.repeat(64)}.png`,
              desk: state.never ? 'the desk does not have it' : 'the desk is out of reach',
            },
          },
        }
      return {
        ok: true,
        value: {
          data: btoa('png'),
          type: 'image/png',
          width: 40,
          height: 30,
          original: { width: 400, height: 300 },
        },
      }
    },
    onMenuCommand: () => () => undefined,
    onOpenedFile: () => () => undefined,
  }
  return state
})

const { deskRetryDelayMs, usePictureUrl } = await import('./usePictureUrl')
const dom = reactRootPerTest()

function Shown() {
  const picture = usePictureUrl(MEDIA_ID, 'web')
  return <p>{picture.state === 'missing' ? picture.message : picture.state}</p>
}

/** Lets the answer in flight arrive and React render it. */
const settle = () => act(async () => vi.advanceTimersByTimeAsync(0))

afterEach(() => {
  vi.useRealTimers()
  preload.asks = 0
})

describe('usePictureUrl', () => {
  it('asks again for a picture the desk has not sent yet, and shows it once it is here', async () => {
    vi.useFakeTimers()
    URL.createObjectURL ??= () => 'blob:picture'
    URL.revokeObjectURL ??= () => undefined
    await act(async () => dom.root.render(<Shown />))
    await settle()
    expect(dom.container.textContent).toBe(
      'Picture not on this computer yet: the desk is out of reach.',
    )
    await act(async () => vi.advanceTimersByTimeAsync(deskRetryDelayMs(0)))
    await settle()
    expect(preload.asks).toBe(2)
    await act(async () => vi.advanceTimersByTimeAsync(deskRetryDelayMs(1)))
    await settle()
    expect(preload.asks).toBe(3)
    expect(dom.container.textContent).toBe('ready')
  })

  it('asks less and less often, at most once a minute, and stops when the view goes', async () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(deskRetryDelayMs)).toEqual([
      3_000, 6_000, 12_000, 24_000, 48_000, 60_000, 60_000,
    ])
    vi.useFakeTimers()
    preload.never = true
    await act(async () => dom.root.render(<Shown />))
    await settle()
    expect(dom.container.textContent).toBe(
      'Picture not on this computer yet: the desk does not have it.',
    )
    await act(async () => dom.root.render(<p>closed</p>))
    await act(async () => vi.advanceTimersByTimeAsync(120_000))
    expect(preload.asks).toBe(1)
    preload.never = false
  })
})
