import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach } from 'vitest'

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true })

/** A React root in a fresh container for every test of the calling file, unmounted after each. */
export function reactRootPerTest(): { readonly container: HTMLDivElement; readonly root: Root } {
  let current: { container: HTMLDivElement; root: Root } | undefined
  beforeEach(() => {
    const container = document.createElement('div')
    document.body.append(container)
    current = { container, root: createRoot(container) }
  })
  afterEach(() => {
    const mounted = current
    current = undefined
    if (!mounted) return
    act(() => mounted.root.unmount())
    mounted.container.remove()
  })
  const mounted = () => {
    if (!current) throw new Error('The React root exists only while a test runs')
    return current
  }
  return {
    get container() {
      return mounted().container
    },
    get root() {
      return mounted().root
    },
  }
}
