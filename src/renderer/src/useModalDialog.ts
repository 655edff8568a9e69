import { useEffect, useRef } from 'react'

/** Opens a <dialog> as a modal when it mounts (focus trapped, Escape handled) and closes it on unmount. */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])
  return dialog
}
