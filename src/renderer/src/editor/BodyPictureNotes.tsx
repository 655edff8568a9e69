import type { BodyPictures } from './useBodyPictures'

/** What adding pictures to the body refused or left out, and pictures still being stored. */
export function BodyPictureNotes({ pictures }: { pictures: BodyPictures }) {
  if (pictures.busy === 0 && pictures.notes.length === 0) return null
  return (
    <div className="body-picture-notes" role="status">
      <ul>
        {pictures.busy > 0 && (
          <li>Adding {pictures.busy === 1 ? 'a picture' : `${pictures.busy} pictures`}…</li>
        )}
        {pictures.notes.map((note, index) => (
          <li key={index}>{note}</li>
        ))}
      </ul>
      {pictures.notes.length > 0 && (
        <button type="button" className="button small" onClick={pictures.dismissNotes}>
          Dismiss
        </button>
      )}
    </div>
  )
}
