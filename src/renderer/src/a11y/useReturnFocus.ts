import { useCallback, useEffect, useRef, useState } from 'react'

/**
 * Remembers what had focus when a dialog, form or menu opened (read while rendering, before its own
 * autoFocus moves focus) and gives focus back to it: on unmount unless `onUnmount` is false, and
 * whenever the returned function is called. Nothing happens if that control has left the page.
 */
export function useReturnFocus({ onUnmount = true } = {}): () => void {
  const [opener] = useState(() => (typeof document === 'undefined' ? null : document.activeElement))
  const restore = useCallback(() => {
    if (opener instanceof HTMLElement && opener !== document.body && opener.isConnected)
      opener.focus()
  }, [opener])
  const latest = useRef(onUnmount)
  useEffect(() => {
    latest.current = onUnmount
  }, [onUnmount])
  useEffect(
    () => () => {
      if (latest.current) restore()
    },
    [restore],
  )
  return restore
}
