import { useState } from 'react'
import type { Correction } from '../../../../shared/domain/Article'
import { api } from '../../api'
import { formatTime } from '../../formatTime'
import { CorrectionDialog } from '../workflow/CorrectionDialog'
import './export.css'

type Props = {
  articleId: string
  note: Correction
  /** The desk chief may rewrite it while the story is approved. */
  editable: boolean
  onSaved: () => void
  onError: (error: unknown) => void
}

/**
 * The correction note for readers that waits with the story until a CMS shows it: what readers
 * will read, who wrote it, and Edit. It goes with every push and export of this version.
 */
export function PendingCorrection({ articleId, note, editable, onSaved, onError }: Props) {
  const [editing, setEditing] = useState(false)
  const handleSave = async (text: string) => {
    setEditing(false)
    try {
      await api.setCorrectionNote({ id: articleId, note: text })
      onSaved()
    } catch (error) {
      onError(error)
    }
  }
  return (
    <section className="pending-correction" aria-label="Correction note waiting to be published">
      <strong>Correction note for readers, not yet published</strong>
      <blockquote>{note.note}</blockquote>
      <span className="muted small">
        By {note.by}, {formatTime(note.at)}. It goes with the next push or export; the story becomes
        corrected once the CMS shows it.
      </span>{' '}
      {editable && (
        <button type="button" className="button small" onClick={() => setEditing(true)}>
          Edit note
        </button>
      )}
      {editing && (
        <CorrectionDialog
          confirmLabel="Save note"
          initial={note.note}
          onCancel={() => setEditing(false)}
          onConfirm={(text) => void handleSave(text)}
        />
      )}
    </section>
  )
}
