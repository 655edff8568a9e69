import { useState, type FormEvent } from 'react'
import { useModalDialog } from '../../useModalDialog'

type Props = {
  title: string
  label: string
  /** A line under the field: who reads the note, where it goes. */
  hint?: string | undefined
  required: boolean
  /** The note as it stands, to be edited (empty for a new one). */
  initial?: string | undefined
  confirmLabel: string
  onConfirm: (note: string) => void
  onCancel: () => void
}

/** Asks for the note an action needs: what to change, why reopen, a correction for readers. */
export function NoteDialog({
  title,
  label,
  hint,
  required,
  initial = '',
  confirmLabel,
  onConfirm,
  onCancel,
}: Props) {
  const dialog = useModalDialog()
  const [note, setNote] = useState(initial)
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (required && !note.trim()) return
    onConfirm(note.trim())
  }
  return (
    <dialog
      ref={dialog}
      className="settings-dialog"
      aria-labelledby="note-title"
      onCancel={onCancel}
    >
      <form onSubmit={handleSubmit}>
        <h2 id="note-title">{title}</h2>
        <label className="stacked">
          <span>
            {label}
            {required ? '' : ' (optional)'}
          </span>
          <textarea
            className="text-input multiline"
            rows={4}
            value={note}
            autoFocus
            required={required}
            onChange={(e) => setNote(e.target.value)}
          />
          {hint && <small className="muted">{hint}</small>}
        </label>
        <footer className="dialog-foot">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={required && !note.trim()}>
            {confirmLabel}
          </button>
        </footer>
      </form>
    </dialog>
  )
}
