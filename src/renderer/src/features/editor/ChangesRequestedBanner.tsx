import { useEffect, useState } from 'react'
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
        <blockquote className="changes-requested-note">{note.text}</blockquote>
      ) : (
        <p className="changes-requested-note">
          The desk sent this story back; its note is in History.
        </p>
      )}
      <p className="changes-requested-next">Make the changes, then Submit to desk again.</p>
    </section>
  )
}
