import { useCallback, useEffect, useState } from 'react'
import type { EditingState } from '../../../../shared/ipc/calls/leaseCalls'
import { api } from '../../api'

/** How long one watch waits in main before answering unchanged (the loop then asks again). */
const WATCH_MS = 20_000

/**
 * Holds the desk's lease on the story open in the editor: taken when it opens, watched while it
 * stays open (a take-over or the holder letting go shows at once), released when it closes or the
 * page goes. Null until main answered; main answers `standalone` when no desk is joined.
 */
export function useEditingLease(storyId: string) {
  const [state, setState] = useState<EditingState | null>(null)

  useEffect(() => {
    let live = true
    const release = () => void api.closeEditing({ storyId }).catch(() => undefined)
    const watch = async (after: number) => {
      while (live) {
        const next = await api.watchEditing({ storyId, after, waitMs: WATCH_MS })
        if (!live) return
        if (next.version > after) setState(next)
        after = Math.max(after, next.version)
      }
    }
    api.openForEditing({ storyId }).then(
      (opened) => {
        if (!live) return
        setState(opened)
        // A watch refused (the story closed here, main restarted) ends the loop: the banner stays as last known.
        watch(opened.version).catch(() => undefined)
      },
      () => live && setState(null),
    )
    window.addEventListener('pagehide', release)
    return () => {
      live = false
      window.removeEventListener('pagehide', release)
      release()
    }
  }, [storyId])

  const takeOver = useCallback(
    async (note: string) => setState(await api.takeOverLease({ storyId, note })),
    [storyId],
  )
  return { state: state?.storyId === storyId ? state : null, takeOver }
}

/** Whether the lease keeps this workstation from editing the story (another person has it). */
export function leaseLocks(state: EditingState | null): boolean {
  return state?.lease.state === 'held' || state?.lease.state === 'taken-over'
}
