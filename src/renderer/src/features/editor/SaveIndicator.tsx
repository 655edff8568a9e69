import { useEffect, useState } from 'react'
import { formatTime } from '../../formatTime'
import type { SaveState } from './SaveState'
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
  if (readOnly && state.kind === 'saved')
    return (
      <div className="save-state save-read-only" role="status" aria-label="Save state">
        <span className="save-dot" aria-hidden="true" />
        <span>Read-only</span>
      </div>
    )
  return (
    <div
      className={`save-state save-${state.kind}`}
      role="status"
      aria-live="polite"
      aria-label="Save state"
    >
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

function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => systemClock.now().getTime())
  useEffect(() => {
    if (!ticking) return
    const timer = setInterval(() => setNow(systemClock.now().getTime()), 1000)
    return () => clearInterval(timer)
  }, [ticking])
  return now
}
