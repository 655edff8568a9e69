import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import { api } from '../../api'
import { formatTime } from '../../formatTime'

type Note = NonNullable<Article['statusNote']>

/**
 * What the desk chief asked for when sending the story back: the note, who and when, on the story
 * itself until it is resubmitted. Stories sent back before the note was kept on the article find
 * it in the audit trail.
 */
export function ChangesRequestedBanner({ article }: { article: Article }) {
  const [fromAudit, setFromAudit] = useState<Note | null>(null)
  const kept = article.statusNote
  useEffect(() => {
    if (kept) return
    let live = true
    api.getAudit({ id: article.id }).then(
      (trail) => {
        const last = trail.findLast((entry) => entry.action === 'transition:request_changes')
        if (live && last?.note) setFromAudit({ by: last.by, at: last.at, text: last.note })
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [article.id, kept])
  const note = kept ?? fromAudit
  return (
    <section className="changes-requested" aria-label="Changes requested">
      <p className="changes-requested-head">
        <strong>Changes requested</strong>
        {note && (
          <>
            {' '}
            by {note.by} · <time dateTime={note.at}>{formatTime(note.at)}</time>
          </>
        )}
      </p>
      {note ? (
        <LongNote text={note.text} />
      ) : (
        <p className="changes-requested-note">
          The desk sent this story back; its note is in History.
        </p>
      )}
      <p className="changes-requested-next">Make the changes, then Submit to desk again.</p>
    </section>
  )
}

/**
 * The note, each paragraph in its own direction (Arabic or Hebrew reads right to left), broken anywhere
 * a long word or link would run off the edge, and a few lines high until the writer asks for all of
 * it: a long note pushed the story itself off the screen.
 */
function LongNote({ text }: { text: string }) {
  const ref = useRef<HTMLQuoteElement>(null)
  const [open, setOpen] = useState(false)
  const [overflows, setOverflows] = useState(false)
  useLayoutEffect(() => {
    const quote = ref.current
    if (quote && !open) setOverflows(quote.scrollHeight > quote.clientHeight + 1)
  }, [text, open])
  return (
    <>
      <blockquote
        ref={ref}
        id="changes-requested-note"
        className={`changes-requested-note ${open ? 'open' : ''}`}
        dir="auto"
      >
        {/* Each paragraph in its own direction: one Arabic line must not turn the English ones. */}
        {text.split('\n').map((line, index) => (
          <span key={index} className="note-line" dir="auto">
            {line || '\u00a0'}
          </span>
        ))}
      </blockquote>
      {(overflows || open) && (
        <button
          type="button"
          className="button link"
          aria-expanded={open}
          aria-controls="changes-requested-note"
          onClick={() => setOpen((was) => !was)}
        >
          {open ? 'Show less' : 'Show all'}
        </button>
      )}
    </>
  )
}
