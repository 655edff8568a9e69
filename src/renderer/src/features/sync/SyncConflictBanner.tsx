import { useState } from 'react'
import type { EditableFields } from '../../../../shared/domain/Article'
import type { SyncConflictNotice } from '../../../../shared/domain/SyncSnapshot'
import { formatTime } from '../../formatTime'
import { CompareDialog } from '../editor/CompareDialog'
import './sync.css'

type Props = {
  notice: SyncConflictNotice
  /** Reads the desk's text (the story as stored now) and the local one it did not take (version `copySeq`). */
  loadTexts: () => Promise<{ theirs: EditableFields; mine: EditableFields }>
  /** Keep mine or Take theirs; rejects with the reason when it could not. */
  onResolve: (keep: 'mine' | 'theirs') => Promise<void>
}

/**
 * A sync conflict on the open story: what happened, whose text the desk has and since when, and
 * the choice. Both texts stay kept whatever is chosen (the other one as a version in History).
 */
export function SyncConflictBanner({ notice, loadTexts, onResolve }: Props) {
  const [texts, setTexts] = useState<{ theirs: EditableFields; mine: EditableFields } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const fail = (reason: unknown) =>
    setError(reason instanceof Error ? reason.message : String(reason))
  const handleCompare = () => {
    setError(null)
    loadTexts().then(setTexts, fail)
  }
  const handleResolve = (keep: 'mine' | 'theirs') => {
    setBusy(true)
    setError(null)
    onResolve(keep).then(
      () => setBusy(false),
      (reason: unknown) => {
        setBusy(false)
        fail(reason)
      },
    )
  }
  return (
    <section className="conflict sync-conflict" role="alert" aria-label="Sync conflict">
      <p>
        <strong>{notice.message}</strong>
      </p>
      <p>
        {notice.theirs
          ? `The desk has the text ${notice.theirs.savedBy} saved at ${formatTime(notice.theirs.savedAt)} (desk revision ${notice.theirs.revision}). `
          : 'The story stays as the desk has it. '}
        Your text is kept as version {notice.copySeq} in History.
      </p>
      {error && <p className="save-error">{error}</p>}
      <div className="conflict-actions">
        <button type="button" className="button" disabled={busy} onClick={handleCompare}>
          Compare
        </button>
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => handleResolve('mine')}
        >
          Keep mine
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => handleResolve('theirs')}
        >
          Take theirs
        </button>
      </div>
      {texts && (
        <CompareDialog
          saved={texts.theirs}
          mine={texts.mine}
          title="Compare with the desk’s text"
          explanation={`Struck: the desk’s text. Marked: your text kept as version ${notice.copySeq}. Keep mine puts yours back on top; Take theirs leaves the desk’s.`}
          onClose={() => setTexts(null)}
        />
      )}
    </section>
  )
}
