import { useRef, useState, type DragEvent } from 'react'
import type { LeadPicture } from '../../../../../shared/domain/LeadPicture'
import { PICTURE_TEXT_MAX, type PictureRecord } from '../../../../../shared/media/PictureRecord'
import { dragHasFiles, firstFile, importPictureFile } from '../../../editor/importPictureFile'
import { PictureImage } from '../../../editor/PictureImage'
import type { PictureUrl } from '../../../editor/usePictureUrl'

type Props = {
  value: LeadPicture | null
  /** The picture's thumbnail, read by the editor (which also needs its size for the checks). */
  thumbnail: PictureUrl
  editable: boolean
  onChange: (value: LeadPicture | null) => void
}

type Words = Omit<LeadPicture, 'mediaId'>

const WORDS: { key: keyof Words; label: string; id: string; multiline?: boolean }[] = [
  { key: 'caption', label: 'Caption', id: 'field-lead-caption', multiline: true },
  { key: 'altText', label: 'Alt text', id: 'field-lead-alt', multiline: true },
  { key: 'credit', label: 'Credit', id: 'field-lead-credit' },
  { key: 'creator', label: 'Creator', id: 'field-lead-creator' },
  { key: 'copyright', label: 'Copyright', id: 'field-lead-copyright' },
]

const HINTS: Partial<Record<keyof Words, string>> = {
  altText: 'What the picture shows, for readers who cannot see it',
  credit: 'Agency / photographer',
}

/**
 * The picture above the story: added from a file or by drop; its words (prefilled from the photo's
 * IPTC/XMP) edited here and saved with the story. A refused file is said beside the field and
 * changes nothing.
 */
export function LeadPictureField({ value, thumbnail, editable, onChange }: Props) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [dragging, setDragging] = useState(false)
  const chooser = useRef<HTMLInputElement>(null)

  const handleFile = async (file: File | null) => {
    if (!file || busy) return
    setBusy(true)
    setError(null)
    try {
      onChange(placed(await importPictureFile(file), value))
    } catch (refused) {
      setError(refused instanceof Error ? refused.message : String(refused))
    } finally {
      setBusy(false)
    }
  }
  const handleDragOver = (event: DragEvent) => {
    if (!editable || !dragHasFiles(event.dataTransfer)) return
    event.preventDefault()
    setDragging(true)
  }
  const handleDrop = (event: DragEvent) => {
    setDragging(false)
    if (!editable || !dragHasFiles(event.dataTransfer)) return
    event.preventDefault()
    // The app takes files dropped elsewhere as stories to import: this one is a picture.
    event.stopPropagation()
    void handleFile(firstFile(event.dataTransfer))
  }
  const setWord = (key: keyof Words, text: string) => value && onChange({ ...value, [key]: text })

  return (
    <section
      className={`field lead-picture ${dragging ? 'dragging' : ''}`}
      aria-labelledby="lead-picture-title"
      onDragOver={handleDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={handleDrop}
    >
      <h2 id="lead-picture-title" className="field-label">
        Lead picture
      </h2>
      <input
        ref={chooser}
        type="file"
        hidden
        aria-label="Lead picture file"
        accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
        onChange={(event) => {
          void handleFile(event.target.files?.[0] ?? null)
          event.target.value = ''
        }}
      />
      {!value ? (
        <div className="lead-picture-empty">
          {editable ? (
            <>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => chooser.current?.click()}
              >
                {busy ? 'Adding picture…' : 'Add lead picture'}
              </button>
              <span className="muted small">
                or drop a photo here · JPEG, PNG, WebP, GIF or AVIF
              </span>
            </>
          ) : (
            <span className="muted small">No lead picture.</span>
          )}
        </div>
      ) : (
        <div className="lead-picture-card">
          <div className="lead-picture-media">
            <PictureImage picture={thumbnail} alt={value.altText} />
            {editable && (
              <div className="lead-picture-actions">
                <button
                  type="button"
                  className="button small"
                  disabled={busy}
                  onClick={() => chooser.current?.click()}
                >
                  {busy ? 'Adding picture…' : 'Replace'}
                </button>
                <button
                  type="button"
                  className="button small"
                  disabled={busy}
                  aria-label="Remove lead picture"
                  onClick={() => onChange(null)}
                >
                  Remove
                </button>
              </div>
            )}
          </div>
          <div className="lead-picture-words">
            {WORDS.map(({ key, label, id, multiline }) => (
              <label key={key} className={`stacked ${multiline ? 'wide' : ''}`}>
                <span>{label}</span>
                {multiline ? (
                  <textarea
                    id={id}
                    className="text-input multiline"
                    rows={2}
                    value={value[key]}
                    maxLength={PICTURE_TEXT_MAX[key]}
                    placeholder={HINTS[key]}
                    onChange={(e) => setWord(key, e.target.value)}
                  />
                ) : (
                  <input
                    id={id}
                    className="text-input"
                    value={value[key]}
                    maxLength={PICTURE_TEXT_MAX[key]}
                    placeholder={HINTS[key]}
                    onChange={(e) => setWord(key, e.target.value)}
                  />
                )}
              </label>
            ))}
          </div>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}

/**
 * The new picture with its photo's words: credit, creator, copyright and alt text belong to the
 * photo, so a replaced picture's do not carry over; a caption typed for the story stays when the
 * new photo has none.
 */
function placed(picture: PictureRecord, before: LeadPicture | null): LeadPicture {
  const found = picture.metadata
  return {
    mediaId: picture.id,
    caption: found.caption || before?.caption || '',
    credit: found.credit,
    creator: found.creator,
    copyright: found.copyright,
    altText: found.altText,
  }
}
