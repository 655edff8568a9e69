import { useEffect, useState } from 'react'
import { AppError } from '../../../shared/ipc/AppError'
import { api } from '../api'

/** A stored picture as the page can show it: loading, a blob: URL, or why it cannot be shown. */
export type PictureUrl =
  | { state: 'loading' }
  | { state: 'ready'; url: string; width: number; height: number; originalWidth: number }
  | { state: 'missing'; message: string }

/** How long to wait before asking again for a picture the desk has not sent yet: 3 s, then longer. */
export function deskRetryDelayMs(attempt: number): number {
  return Math.min(60_000, 3_000 * 2 ** attempt)
}

/**
 * Reads one rendition of a stored picture through the contract (hash-checked by main) and shows it
 * as a blob: URL, revoked when the picture changes or the view goes: the page never loads a file
 * path, so both hosts serve pictures the same way under the same CSP. A picture not on this computer
 * yet (a joined desk still sending it, or not reachable) is asked for again, less and less often,
 * so an open story shows it once it arrives.
 */
export function usePictureUrl(
  id: string | null | undefined,
  rendition: 'web' | 'thumbnail',
): PictureUrl {
  const key = id ? `${id}:${rendition}` : ''
  const [read, setRead] = useState<{ key: string; url: PictureUrl } | null>(null)
  const [attempt, setAttempt] = useState({ key, n: 0 })
  const tries = attempt.key === key ? attempt.n : 0
  useEffect(() => {
    if (!id) return
    let live = true
    let made: string | null = null
    let again: ReturnType<typeof setTimeout> | undefined
    const setUrl = (url: PictureUrl) => setRead({ key: `${id}:${rendition}`, url })
    api.readPicture({ id, rendition }).then(
      (file) => {
        if (!live) return
        const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0))
        made = URL.createObjectURL(new Blob([bytes], { type: file.type }))
        setUrl({
          state: 'ready',
          url: made,
          width: file.width,
          height: file.height,
          originalWidth: file.original.width,
        })
      },
      (error: unknown) => {
        if (!live) return
        setUrl({ state: 'missing', message: missingMessage(error) })
        if (fromDesk(error))
          again = setTimeout(
            () => setAttempt({ key: `${id}:${rendition}`, n: tries + 1 }),
            deskRetryDelayMs(tries),
          )
      },
    )
    return () => {
      live = false
      clearTimeout(again)
      if (made) URL.revokeObjectURL(made)
    }
  }, [id, rendition, tries])
  if (!id) return { state: 'missing', message: 'No picture.' }
  return read?.key === key ? read.url : { state: 'loading' }
}

function missingMessage(error: unknown): string {
  if (error instanceof AppError && error.code === 'CORRUPT_FILE')
    return 'Picture damaged: it was set aside. Add it again to show it.'
  if (error instanceof AppError && error.code === 'NOT_FOUND') {
    const desk = deskReason(error.details)
    return desk
      ? `Picture not on this computer yet: ${desk}.`
      : 'Picture missing from this data folder. Add it again to show it.'
  }
  return `Picture not shown: ${error instanceof Error ? error.message : String(error)}`
}

/** A picture a joined desk has not sent (yet): worth asking for again. */
function fromDesk(error: unknown): boolean {
  return (
    error instanceof AppError && error.code === 'NOT_FOUND' && deskReason(error.details) !== null
  )
}

/** Why the desk a joined workstation asked could not send the picture, when it said. */
function deskReason(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || !('desk' in details)) return null
  return typeof details.desk === 'string' ? details.desk : null
}
