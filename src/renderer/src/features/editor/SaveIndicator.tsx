import { useEffect, useRef, useState } from 'react'
import { announce } from '../../a11y/announce'
import { formatTime } from '../../formatTime'
import type { SaveState } from './SaveState'
import { saveAnnouncement } from './saveAnnouncement'
import { systemClock } from '../../../../shared/domain/Clock'

type Props = {
  state: SaveState
  onRetry: () => void
  /** The data folder cannot be written: there is nothing to save, and "Saved at" would say otherwise. */
  readOnly?: boolean | undefined
}

/** The save state, always visible: unsaved, saving, saved at 14:32, or failed with the reason. */
export function SaveIndicator({ state, onRetry, readOnly }: Props) {
  const now = useNow(state.kind === 'failed')
  useSaveAnnouncement(state)
  // Not a live region: it changes with every keystroke and counts down retries; the app's
  // announcer says each change of meaning once instead.
  if (readOnly && state.kind === 'saved')
    return (
      <div className="save-state save-read-only" role="group" aria-label="Save state">
        <span className="save-dot" aria-hidden="true" />
        <span>Read-only</span>
      </div>
    )
  return (
    <div className={`save-state save-${state.kind}`} role="group" aria-label="Save state">
      <span className="save-dot" aria-hidden="true" />
      {state.kind === 'saved' && <span>Saved at {formatTime(state.at)}</span>}
      {state.kind === 'unsaved' && <span>Unsaved changes</span>}
      {state.kind === 'saving' && <span>Saving…</span>}
      {state.kind === 'conflict' && <span>Not saved: changed elsewhere</span>}
      {state.kind === 'failed' && (
        <>
          <span>
            Not saved
            {state.retryAt !== null &&
              ` · retrying in ${Math.max(0, Math.ceil((state.retryAt - now) / 1000))} s`}
          </span>
          <button type="button" className="button small" onClick={onRetry}>
            Retry now
          </button>
        </>
      )}
    </div>
  )
}

/** Says "Saved" or "Not saved: why" through the app's live region when the meaning changes. */
function useSaveAnnouncement(state: SaveState): void {
  // An editor opens on a saved story: that is not news.
  const meaning = useRef('Saved')
  useEffect(() => {
    const next = saveAnnouncement(meaning.current, state)
    meaning.current = next.meaning
    if (next.say) announce(next.say)
  }, [state])
}

function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => systemClock.now().getTime())
  useEffect(() => {
    if (!ticking) return
    const timer = setInterval(() => setNow(systemClock.now().getTime()), 1000)
    return () => clearInterval(timer)
  }, [ticking])
  return now
}
