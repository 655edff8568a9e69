import { useEffect, useState } from 'react'
import './lease.css'
import type { LeaseLine } from '../../../../shared/ipc/calls/leaseCalls'
import { api } from '../../api'

/** How often a list left open asks again who is editing what (main keeps the desk's answer a while). */
const REFRESH_MS = 5_000

export type LoadLeases = () => Promise<LeaseLine[]>

const fromMain: LoadLeases = () => api.listLeases({}).then((answer) => answer.leases)

/**
 * Other people's leases on the desk's stories, by story id, for the article list and the queue:
 * asked when `refresh` changes and every few seconds. Empty on a standalone workstation, and kept as
 * last known when main cannot answer.
 */
export function useDeskLeases(refresh: unknown, load: LoadLeases = fromMain) {
  const [leases, setLeases] = useState<ReadonlyMap<string, LeaseLine>>(() => new Map())
  useEffect(() => {
    let live = true
    const ask = () =>
      load().then(
        (lines) => live && setLeases(new Map(lines.map((line) => [line.storyId, line]))),
        () => undefined,
      )
    void ask()
    const timer = setInterval(() => void ask(), REFRESH_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [refresh, load])
  return leases
}
