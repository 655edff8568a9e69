import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_DESK_SETTINGS } from '../../../../shared/domain/DeskSettings'
import type { Transition } from '../../../../shared/domain/workflow'
import { WorkflowActions } from './WorkflowActions'

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true })

let container: HTMLDivElement
let root: Root
let acted: string[]
beforeEach(() => {
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
  acted = []
})
afterEach(() => {
  act(() => root.unmount())
  container.remove()
})

const button = (name: string) =>
  Array.from(container.querySelectorAll('button')).find((b) => b.textContent === name)
const handleAct = (t: Transition) => acted.push(t.action)

describe('a blocked Submit or Approve', () => {
  it('stays focusable and says in text how many errors to fix', () => {
    act(() =>
      root.render(
        <WorkflowActions
          article={{ status: 'draft', author: 'Asha Rao', publishedAt: null }}
          profile={{ name: 'Asha Rao', role: 'writer' }}
          settings={DEFAULT_DESK_SETTINGS}
          checksPass={false}
          errorCount={2}
          onAct={handleAct}
        />,
      ),
    )
    const submit = button('Submit to desk')
    expect(submit?.disabled).toBe(false)
    expect(submit?.getAttribute('aria-disabled')).toBe('true')
    const reason = document.getElementById(submit?.getAttribute('aria-describedby') ?? '')
    expect(reason?.textContent).toBe('Fix 2 errors first')
    act(() => submit?.click())
    expect(acted).toEqual([])
  })

  it('tells the author that another desk chief approves their story (four-eyes rule)', () => {
    act(() =>
      root.render(
        <WorkflowActions
          article={{ status: 'submitted', author: 'Vikram Desk', publishedAt: null }}
          profile={{ name: 'Vikram Desk', role: 'desk-chief' }}
          settings={DEFAULT_DESK_SETTINGS}
          checksPass
          errorCount={0}
          onAct={handleAct}
        />,
      ),
    )
    const approve = button('Approve')
    expect(approve?.getAttribute('aria-disabled')).toBe('true')
    expect(container.textContent).toContain('You wrote this story: another desk chief approves it')
    act(() => approve?.click())
    expect(acted).toEqual([])
    // Request changes is not blocked: it opens its note dialog as before.
    expect(button('Request changes')?.getAttribute('aria-disabled')).toBeNull()
  })

  it('acts when nothing blocks it, from the button or from its shortcut', () => {
    act(() =>
      root.render(
        <WorkflowActions
          article={{ status: 'submitted', author: 'Asha Rao', publishedAt: null }}
          profile={{ name: 'Vikram Desk', role: 'desk-chief' }}
          settings={DEFAULT_DESK_SETTINGS}
          checksPass
          errorCount={0}
          onAct={handleAct}
        />,
      ),
    )
    act(() => button('Approve')?.click())
    act(() => {
      window.dispatchEvent(
        new KeyboardEvent('keydown', { code: 'KeyA', key: 'a', ctrlKey: true, altKey: true }),
      )
    })
    expect(acted).toEqual(['approve', 'approve'])
  })
})
