import { useCallback, useEffect, useRef, useState } from 'react'
import {
  drawerShortcut,
  isDrawerShortcut,
  type DrawerId,
  type DrawerShortcut,
} from './drawerShortcuts'

export type DrawerState = {
  shortcut: DrawerShortcut
  /** The window is narrow enough for this region to be a drawer. */
  isDrawer: boolean
  open: boolean
  /** Where the open drawer starts (CSS px from the top): just below its button, which stays in view. */
  top: number
  toggle: () => void
  /** Opens the drawer (in a narrow window; a no-op otherwise), for a control that shows what it holds. */
  show: () => void
  close: (returnFocus: boolean) => void
  /** Callback refs (not ref objects, so the state can be read while rendering). */
  bindButton: (element: HTMLButtonElement | null) => void
  bindRegion: (element: HTMLDivElement | null) => void
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]'

function firstFocusable(region: HTMLElement | null): HTMLElement | null {
  return region?.querySelector<HTMLElement>(FOCUSABLE) ?? null
}

function useNarrow(width: number): boolean {
  const query = `(max-width: ${width - 0.02}px)`
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches)
  useEffect(() => {
    const list = window.matchMedia(query)
    const handleChange = () => setNarrow(list.matches)
    handleChange()
    list.addEventListener('change', handleChange)
    return () => list.removeEventListener('change', handleChange)
  }, [query])
  return narrow
}

/**
 * A region that becomes a drawer in a narrow window: its button and shortcut open and close it,
 * Escape closes it and puts focus back on the button, and it closes by itself when the person
 * moves on (a link inside is followed, focus or a click goes elsewhere in the page). Opening puts
 * focus on its first control. In a wide window the shortcut only takes focus into the region.
 */
export function useDrawer(id: DrawerId): DrawerState {
  const shortcut = drawerShortcut(id)
  const isDrawer = useNarrow(shortcut.drawerBelow)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const regionRef = useRef<HTMLDivElement>(null)
  const [openState, setOpenState] = useState(false)
  const [top, setTop] = useState(0)
  const setOpen = useCallback((next: boolean | ((was: boolean) => boolean)) => {
    setTop(Math.round(buttonRef.current?.getBoundingClientRect().bottom ?? 0) + 4)
    setOpenState(next)
  }, [])
  const open = isDrawer && openState
  const close = useCallback((returnFocus: boolean) => {
    setOpenState(false)
    if (returnFocus) buttonRef.current?.focus()
  }, [])
  const toggle = useCallback(() => setOpen((was) => !was), [setOpen])
  const show = useCallback(() => {
    if (isDrawer) setOpen(true)
  }, [isDrawer, setOpen])

  // Focus goes into the drawer when it opens (after it is displayed).
  useEffect(() => {
    if (open) firstFocusable(regionRef.current)?.focus()
  }, [open])

  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      if (isDrawerShortcut(event, shortcut)) {
        event.preventDefault()
        if (!isDrawer) {
          firstFocusable(regionRef.current)?.focus()
        } else if (openState) {
          close(true)
        } else {
          setOpen(true)
        }
      } else if (event.key === 'Escape' && open && !event.defaultPrevented) {
        const region = regionRef.current
        // An open dialog or menu inside handles its own Escape first.
        if (region && document.activeElement && region.contains(document.activeElement)) {
          event.preventDefault()
          close(true)
        }
      }
    }
    window.addEventListener('keydown', handleKeyDown)
    return () => window.removeEventListener('keydown', handleKeyDown)
  }, [shortcut, isDrawer, open, openState, close, setOpen])

  useEffect(() => {
    if (!open) return
    const region = regionRef.current
    const outside = (target: EventTarget | null) =>
      target instanceof Node && !region?.contains(target) && !buttonRef.current?.contains(target)
    const handlePointerDown = (event: PointerEvent) => {
      if (outside(event.target)) close(false)
    }
    const handleFocusIn = (event: FocusEvent) => {
      if (outside(event.target)) close(false)
    }
    const handleClick = (event: MouseEvent) => {
      if (event.target instanceof Element && event.target.closest('a[href]')) close(false)
    }
    document.addEventListener('pointerdown', handlePointerDown)
    document.addEventListener('focusin', handleFocusIn)
    region?.addEventListener('click', handleClick)
    return () => {
      document.removeEventListener('pointerdown', handlePointerDown)
      document.removeEventListener('focusin', handleFocusIn)
      region?.removeEventListener('click', handleClick)
    }
  }, [open, close])

  const setButton = useCallback((element: HTMLButtonElement | null) => {
    buttonRef.current = element
  }, [])
  const setRegion = useCallback((element: HTMLDivElement | null) => {
    regionRef.current = element
  }, [])
  return {
    shortcut,
    isDrawer,
    open,
    top,
    toggle,
    show,
    close,
    bindButton: setButton,
    bindRegion: setRegion,
  }
}
