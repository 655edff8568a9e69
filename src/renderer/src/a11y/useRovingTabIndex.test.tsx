import { act, useRef, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { rovingIndex } from './rovingIndex'
import { useRovingTabIndex } from './useRovingTabIndex'
import { reactRootPerTest } from '../../../../tests/support/reactRootPerTest'

const dom = reactRootPerTest()

describe('rovingIndex', () => {
  it('moves by one with the arrows, wrapping at both ends', () => {
    expect(rovingIndex('ArrowRight', 0, 3)).toBe(1)
    expect(rovingIndex('ArrowRight', 2, 3)).toBe(0)
    expect(rovingIndex('ArrowLeft', 0, 3)).toBe(2)
  })
  it('goes to the ends with Home and End, and ignores other keys', () => {
    expect(rovingIndex('Home', 2, 3)).toBe(0)
    expect(rovingIndex('End', 0, 3)).toBe(2)
    expect(rovingIndex('a', 0, 3)).toBeNull()
    expect(rovingIndex('ArrowRight', 0, 0)).toBeNull()
  })
})

/** A toolbar like the editor's: the last button disables on demand. */
function Bar() {
  const ref = useRef<HTMLDivElement>(null)
  const [redoOff, setRedoOff] = useState(false)
  const roving = useRovingTabIndex(ref, 'button.tool')
  return (
    <>
      <div ref={ref} role="toolbar" onFocus={roving.onFocus} onKeyDown={roving.onKeyDown}>
        <button className="tool">Bold</button>
        <button className="tool">Italic</button>
        <button className="tool" disabled={redoOff}>
          Redo
        </button>
      </div>
      <button onClick={() => setRedoOff(true)}>disable redo</button>
    </>
  )
}

const tool = (name: string) =>
  Array.from(dom.container.querySelectorAll<HTMLButtonElement>('button.tool')).find(
    (b) => b.textContent === name,
  )
const tabStops = () =>
  Array.from(dom.container.querySelectorAll<HTMLButtonElement>('button.tool'))
    .filter((b) => b.tabIndex === 0)
    .map((b) => b.textContent)
const key = (target: HTMLElement, name: string) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }))
  })

describe('useRovingTabIndex', () => {
  it('keeps exactly one button in the Tab order and moves it with arrows, Home and End', () => {
    act(() => dom.root.render(<Bar />))
    expect(tabStops()).toEqual(['Bold'])
    const bold = tool('Bold')
    if (!bold) throw new Error('no Bold')
    bold.focus()
    key(bold, 'ArrowRight')
    expect(document.activeElement?.textContent).toBe('Italic')
    expect(tabStops()).toEqual(['Italic'])
    key(tool('Italic') ?? bold, 'End')
    expect(document.activeElement?.textContent).toBe('Redo')
    key(tool('Redo') ?? bold, 'ArrowRight')
    expect(document.activeElement?.textContent).toBe('Bold')
    key(bold, 'ArrowLeft')
    expect(tabStops()).toEqual(['Redo'])
  })

  it('hands the Tab stop to the first enabled button when the remembered one is disabled', () => {
    act(() => dom.root.render(<Bar />))
    const bold = tool('Bold')
    if (!bold) throw new Error('no Bold')
    bold.focus()
    key(bold, 'End')
    expect(tabStops()).toEqual(['Redo'])
    act(() => {
      dom.container.querySelector<HTMLButtonElement>('button:not(.tool)')?.click()
    })
    expect(tabStops()).toEqual(['Bold'])
    expect(tool('Redo')?.tabIndex).toBe(-1)
  })
})
