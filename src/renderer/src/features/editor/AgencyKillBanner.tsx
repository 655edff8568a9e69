import { useState } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import type { Profile } from '../../../../shared/domain/Profile'
import { api } from '../../api'
import { formatTime } from '../../formatTime'

type Props = { article: Article; profile: Profile; onReload: (article: Article) => void }

/**
 * The agency withdrew the story this article was imported from: said above the editor, with the
 * agency's note, until a desk chief acknowledges it (then it stays as a quiet line). While it is
 * not acknowledged the story cannot be submitted or approved (the "agency-kill" check).
 */
export function AgencyKillBanner({ article, profile, onReload }: Props) {
  const [error, setError] = useState<string | null>(null)
  const kill = article.agencyKill
  if (!kill) return null
  const handleAcknowledge = async () => {
    setError(null)
    try {
      onReload(await api.acknowledgeAgencyKill({ id: article.id }))
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason))
    }
  }
  if (kill.acknowledged)
    return (
      <p className="agency-kill-seen" role="note">
        The agency withdrew this story on <time dateTime={kill.at}>{formatTime(kill.at)}</time>;{' '}
        {kill.acknowledged.by} acknowledged it.
      </p>
    )
  return (
    <section className="agency-kill" role="alert" aria-label="Agency kill">
      <p className="agency-kill-head">
        <strong>The agency withdrew this story: do not publish.</strong> Received{' '}
        <time dateTime={kill.at}>{formatTime(kill.at)}</time>.
      </p>
      <blockquote className="agency-kill-note">{kill.reason}</blockquote>
      <p className="agency-kill-next">
        {profile.role === 'desk-chief'
          ? 'Read the note, decide (kill or spike the story, or rework it from other sources), then acknowledge.'
          : 'A desk chief must acknowledge it before the story can be submitted or approved.'}
      </p>
      {profile.role === 'desk-chief' && (
        <button type="button" className="button" onClick={() => void handleAcknowledge()}>
          Acknowledge the agency&apos;s kill
        </button>
      )}
      {error && <p className="field-error">{error}</p>}
    </section>
  )
}
