import type { ReactNode } from 'react'
import type { DrawerState } from './useDrawer'
import './drawers.css'

type Props = { drawer: DrawerState; side: 'start' | 'end'; children: ReactNode }

/**
 * Holds a region that becomes a drawer in a narrow window. In a wide window it takes no box of its
 * own (display: contents), so the region lays out as before.
 */
export function Drawer({ drawer, side, children }: Props) {
  const { shortcut, open, top, bindRegion } = drawer
  return (
    <div
      ref={bindRegion}
      id={shortcut.elementId}
      className={`drawer drawer-${side} drawer-${shortcut.id}`}
      data-open={open ? 'true' : undefined}
      style={open ? { top } : undefined}
    >
      {children}
    </div>
  )
}
