import { useCallback, useEffect, useRef, useState } from 'react'
import type { SyncSnapshot } from '../../../../shared/domain/SyncSnapshot'

/** Main's long poll: answers at once when the snapshot's version is past `after`, else within `waitMs`. */
export type WatchSync = (after: number, waitMs: number) => Promise<SyncSnapshot>

/** How long one poll may wait in main (the contract's maximum is 25 s). */
export const LONG_POLL_MS = 20_000

type Options = {
  /** Waits before asking again after a failed poll; a timer unless a test says otherwise. */
  sleep?: (ms: number) => Promise<void>
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Follows the workstation's sync snapshot for as long as the window is open: asks once at once,
 * then keeps one long poll open, each from the last version seen. A failed poll (the host gone for
 * a moment) keeps the last snapshot and asks again, waiting longer each time up to 30 s.
 * `accept` takes a snapshot an action returned, so the window does not wait for the next poll.
 */
export function useSyncSnapshot(watch: WatchSync | null, { sleep = sleepFor }: Options = {}) {
  const [snapshot, setSnapshot] = useState<SyncSnapshot | null>(null)
  const seen = useRef<number | null>(null)

  const accept = useCallback((next: SyncSnapshot) => {
    // A restarted host counts from 0 again: any other version is news, not only a higher one.
    if (seen.current !== null && next.version === seen.current) return
    seen.current = next.version
    setSnapshot(next)
  }, [])

  useEffect(() => {
    if (!watch) return
    let live = true
    const follow = async () => {
      let failures = 0
      while (live) {
        try {
          const next = await watch(seen.current ?? 0, seen.current === null ? 0 : LONG_POLL_MS)
          failures = 0
          if (live) accept(next)
        } catch (error) {
          failures += 1
          if (failures === 1) console.warn('Copydesk: the sync state could not be read', error)
          await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)))
        }
      }
    }
    void follow()
    return () => {
      live = false
    }
  }, [watch, accept, sleep])

  return { snapshot, accept }
}
