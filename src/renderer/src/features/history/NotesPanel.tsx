import { useEffect, useState, type FormEvent } from 'react'
import type { EditorialNote } from '../../../../shared/domain/History'
import { api } from '../../api'
import { formatTime } from '../../formatTime'
import { readOnlyHint, useReadOnlyReason } from '../../useReadOnlyReason'
import './history.css'

/** Notes for the desk only, oldest first; they never leave with an export. */
export function NotesPanel({
  articleId,
  onError,
}: {
  articleId: string
  onError: (message: string) => void
}) {
  const [notes, setNotes] = useState<EditorialNote[]>([])
  const [text, setText] = useState('')
  const readOnly = useReadOnlyReason()
  useEffect(() => {
    api.listNotes({ id: articleId }).then(setNotes, (error: unknown) => onError(String(error)))
  }, [articleId, onError])
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (!text.trim()) return
    try {
      setNotes(await api.addNote({ id: articleId, text }))
      setText('')
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
    }
  }
  return (
    <section className="panel notes" aria-labelledby="notes-title">
      <h2 id="notes-title" className="panel-title">
        Desk notes
      </h2>
      <ol className="note-list" aria-label="Desk notes">
        {notes.map((note) => (
          <li key={note.id}>
            <p>{note.text}</p>
            <span className="muted small">
              {note.by} · {formatTime(note.at)}
            </span>
          </li>
        ))}
      </ol>
      <form onSubmit={(e) => void handleSubmit(e)} className="note-form">
        <label className="visually-hidden" htmlFor="new-note">
          New desk note
        </label>
        <textarea
          id="new-note"
          className="text-input"
          rows={2}
          placeholder="A note for the desk (never exported)"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button
          type="submit"
          className="button small"
          disabled={!text.trim() || readOnly !== null}
          title={readOnly ? readOnlyHint(readOnly) : undefined}
        >
          Add note
        </button>
      </form>
    </section>
  )
}
