import { useState } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import type { DeskSettings } from '../../../../shared/domain/DeskSettings'
import type { Profile } from '../../../../shared/domain/Profile'
import {
  ACTION_LABELS,
  availableTransitions,
  type Transition,
} from '../../../../shared/domain/workflow'
import { CorrectionDialog } from './CorrectionDialog'
import { NoteDialog } from './NoteDialog'
import { readOnlyHint, useReadOnlyReason } from '../../useReadOnlyReason'
import './workflow.css'

type Props = {
  article: Pick<Article, 'status' | 'author' | 'publishedAt'>
  profile: Profile
  settings: DeskSettings
  checksPass: boolean
  /** Why "Mark published" is not available now (a WordPress push waits as a draft). */
  publishBlocked?: string | null | undefined
  onAct: (transition: Transition, note: string) => void
}

/** The actions the shared table allows this profile on this story, with why one is unavailable. */
export function WorkflowActions({
  article,
  profile,
  settings,
  checksPass,
  publishBlocked,
  onAct,
}: Props) {
  const [asking, setAsking] = useState<Transition | null>(null)
  const readOnly = useReadOnlyReason()
  const transitions = availableTransitions(profile.role, article.status).filter((t) =>
    t.action === 'publish'
      ? article.publishedAt === null
      : t.action === 'publish_correction'
        ? article.publishedAt !== null
        : true,
  )
  if (transitions.length === 0) return null
  const blocked = (t: Transition): string | null => {
    if (readOnly) return readOnlyHint(readOnly)
    if (t.needsChecks && !checksPass) return 'Fix the checks first'
    if (t.fourEyes && settings.fourEyes && article.author === profile.name)
      return 'Four-eyes rule: someone else approves your story'
    if (t.action === 'publish' && publishBlocked) return publishBlocked
    return null
  }
  return (
    <div className="workflow-actions" role="group" aria-label="Workflow">
      {transitions.map((t) => {
        const reason = blocked(t)
        return (
          <button
            key={`${t.action}-${t.to}`}
            type="button"
            className={`button small ${t.action === 'submit' || t.action === 'approve' ? 'primary' : ''}`}
            disabled={reason !== null}
            title={reason ?? undefined}
            aria-description={reason ?? undefined}
            onClick={() => (t.note || t.action === 'spike' ? setAsking(t) : onAct(t, ''))}
          >
            {ACTION_LABELS[t.action]}
          </button>
        )
      })}
      {asking?.action === 'publish_correction' && (
        <CorrectionDialog
          confirmLabel={ACTION_LABELS.publish_correction}
          onCancel={() => setAsking(null)}
          onConfirm={(note) => {
            setAsking(null)
            onAct(asking, note)
          }}
        />
      )}
      {asking && asking.action !== 'publish_correction' && (
        <NoteDialog
          title={ACTION_LABELS[asking.action]}
          label={asking.note ?? 'Note'}
          required={Boolean(asking.note)}
          confirmLabel={ACTION_LABELS[asking.action]}
          onCancel={() => setAsking(null)}
          onConfirm={(note) => {
            setAsking(null)
            onAct(asking, note)
          }}
        />
      )}
    </div>
  )
}
