import { useState } from 'react'
import type { KillNotice } from '../../../../shared/import/ImportProposal'
import { api } from '../../api'
import { announceArticleChanged } from '../articles/articleChanged'

type Props = {
  kill: KillNotice
  onOpenArticle?: ((id: string) => void) | undefined
  onClose: () => void
  onNotAKill: () => void
}

/**
 * An agency kill, as a warning naming the withdrawn story. When the story is on this desk, the
 * kill is recorded on it (a blocking check until a desk chief acknowledges it) before the dialog
 * closes or the story opens, so the warning never vanishes. "Not a kill" is for copy the importer
 * misread (a story about people killed): it is then reviewed as a story.
 */
export function KillWarning({ kill, onOpenArticle, onClose, onNotAKill }: Props) {
  const [error, setError] = useState<string | null>(null)
  const earlier = kill.earlier
  const record = async (then: () => void) => {
    if (!earlier) return then()
    try {
      await api.recordAgencyKill({ id: earlier.id, reason: kill.reason, uri: kill.uri })
      announceArticleChanged(earlier.id)
      then()
    } catch (reason) {
      setError(
        `The kill could not be recorded on the story: ${reason instanceof Error ? reason.message : String(reason)}`,
      )
    }
  }
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
            On this desk: <strong>{earlier.headline}</strong> ({earlier.status.replace('_', ' ')}).
            The withdrawal is recorded on it: it cannot be submitted or approved until a desk chief
            acknowledges it.
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
        <button type="button" className="button" onClick={() => void record(onClose)}>
          {earlier ? 'Record and close' : 'Close'}
        </button>
        {earlier && onOpenArticle && (
          <button
            type="button"
            className="button primary"
            onClick={() => void record(() => onOpenArticle(earlier.id))}
          >
            Record and open the earlier story
          </button>
        )}
      </footer>
    </>
  )
}
