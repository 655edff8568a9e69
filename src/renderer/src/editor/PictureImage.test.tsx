import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { reactRootPerTest } from '../../../../tests/support/reactRootPerTest'
import { PictureImage } from './PictureImage'
import type { PictureUrl } from './usePictureUrl'

const dom = reactRootPerTest()

async function show(picture: PictureUrl): Promise<Element> {
  await act(async () => dom.root.render(<PictureImage picture={picture} alt="A dam at dawn" />))
  const shown = dom.container.firstElementChild
  if (!shown) throw new Error('nothing shown')
  return shown
}

describe('PictureImage', () => {
  it('shows a ready picture with its alt text', async () => {
    const shown = await show({
      state: 'ready',
      url: 'blob:x',
      width: 400,
      height: 300,
      originalWidth: 4000,
    })
    expect(shown.tagName).toBe('IMG')
    expect(shown.getAttribute('alt')).toBe('A dam at dawn')
  })

  it('shows a missing or damaged picture as a box saying so, never a broken image', async () => {
    const message = 'Picture damaged: it was set aside. Add it again to show it.'
    const shown = await show({ state: 'missing', message })
    expect(shown.tagName).toBe('DIV')
    expect(shown.getAttribute('role')).toBe('img')
    expect(shown.getAttribute('aria-label')).toBe(message)
    expect(shown.textContent).toBe(message)
    expect(dom.container.querySelector('img')).toBeNull()
  })
})
