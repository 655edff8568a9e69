import type { KillNotice } from '../../../../shared/import/ImportProposal'
import { statusInSentence } from '../../../../shared/domain/statusLabel'

type Props = {
  kill: KillNotice
  /** Why the kill could not be recorded, when it could not. */
  error: string | null
  canOpen: boolean
  onClose: () => void
  onOpen: () => void
  onNotAKill: () => void
}

/**
 * An agency kill, as a warning naming the withdrawn story. When the story is on this desk, closing
 * (the button or Escape) or opening it records the kill on it first, so the warning never vanishes.
 * "Not a kill" is for copy the importer misread (a story about people killed).
 */
export function KillWarning({ kill, error, canOpen, onClose, onOpen, onNotAKill }: Props) {
  const earlier = kill.earlier
  return (
    <>
      <div className="import-kill" role="alert">
        <p className="import-kill-title">
          Do not publish: the agency has withdrawn{' '}
          {kill.headline ? `“${kill.headline}”` : 'an earlier story'}.
        </p>
        <p className="import-kill-reason">{kill.reason}</p>
        {earlier ? (
          <p>
            On this desk: <strong>{earlier.headline}</strong> ({statusInSentence(earlier.status)}).
            Closing this records the withdrawal on it: it cannot be submitted or approved until a
            desk chief acknowledges it.
          </p>
        ) : (
          <p className="muted">
            No story from this item was found on this desk{kill.uri ? ` (${kill.uri})` : ''}.
          </p>
        )}
        {error && <p className="import-failure">{error}</p>}
      </div>
      <footer className="dialog-foot">
        <button type="button" className="button quiet-left" onClick={onNotAKill}>
          Not a kill: import as a story
        </button>
        <button type="button" className="button" onClick={onClose}>
          {earlier ? 'Record and close' : 'Close'}
        </button>
        {earlier && canOpen && (
          <button type="button" className="button primary" onClick={onOpen}>
            Record and open it
          </button>
        )}
      </footer>
    </>
  )
}
