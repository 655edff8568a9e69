import { useCallback, useEffect, useState } from 'react'
import type { Profile } from '../../../../shared/domain/Profile'
import type { WorkstationProfile } from '../../../../shared/ipc/calls/profileCalls'
import { api } from '../../api'

export type ProfileState = {
  /** undefined while asking; null when the store has none yet (first start: ask who this is). */
  profile: WorkstationProfile | null | undefined
  /** Why the store could not be asked; never read as "no profile yet". */
  failure: string | null
  setProfile: (profile: Profile) => void
  retry: () => void
}

const loadFromStore = () => api.getProfile({})

/**
 * Who is at this workstation. A failed read is an error with Retry, not an empty answer: taking
 * it for one showed the first-start question to a desk that has a profile, and answering it
 * overwrote that profile.
 */
export function useProfile(
  load: () => Promise<WorkstationProfile | null> = loadFromStore,
): ProfileState {
  const [profile, setProfile] = useState<WorkstationProfile | null | undefined>(undefined)
  const [failure, setFailure] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    load().then(
      (answer) => {
        if (!live) return
        setFailure(null)
        setProfile(answer)
      },
      (reason: unknown) => {
        if (live) setFailure(reason instanceof Error ? reason.message : String(reason))
      },
    )
    return () => {
      live = false
    }
  }, [load, attempt])
  const retry = useCallback(() => {
    setFailure(null)
    setAttempt((n) => n + 1)
  }, [])
  return { profile, failure, setProfile, retry }
}
