import { useEffect, useRef } from 'react'
import { useReturnFocus } from './a11y/useReturnFocus'

/**
 * Opens a <dialog> as a modal when it mounts (focus trapped, Escape handled) and closes it on
 * unmount, giving focus back to the control that opened it: the browser does not, because React
 * removes the dialog from the page before it is closed.
 */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])
  // After the effect above, so its cleanup has closed the dialog (and un-inerted the page) first.
  useReturnFocus()
  return dialog
}
