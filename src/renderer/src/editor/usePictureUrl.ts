import { useEffect, useState } from 'react'
import { AppError } from '../../../shared/ipc/AppError'
import { api } from '../api'

/** A stored picture as the page can show it: loading, a blob: URL, or why it cannot be shown. */
export type PictureUrl =
  | { state: 'loading' }
  | { state: 'ready'; url: string; width: number; height: number; originalWidth: number }
  | { state: 'missing'; message: string }

/**
 * Reads one rendition of a stored picture through the contract (hash-checked by main) and shows it
 * as a blob: URL, revoked when the picture changes or the view goes: the page never loads a file
 * path, so both hosts serve pictures the same way under the same CSP.
 */
export function usePictureUrl(
  id: string | null | undefined,
  rendition: 'web' | 'thumbnail',
): PictureUrl {
  const key = id ? `${id}:${rendition}` : ''
  const [read, setRead] = useState<{ key: string; url: PictureUrl } | null>(null)
  useEffect(() => {
    if (!id) return
    let live = true
    let made: string | null = null
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
      },
    )
    return () => {
      live = false
      if (made) URL.revokeObjectURL(made)
    }
  }, [id, rendition])
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

/** Why the desk a joined workstation asked could not send the picture, when it said. */
function deskReason(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || !('desk' in details)) return null
  return typeof details.desk === 'string' ? details.desk : null
}
