import { useEffect, useRef, useState } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import type { DeskSettings } from '../../../../shared/domain/DeskSettings'
import type { Profile } from '../../../../shared/domain/Profile'
import {
  ACTION_LABELS,
  availableTransitions,
  type Transition,
  type WorkflowAction,
} from '../../../../shared/domain/workflow'
import { announce } from '../../a11y/announce'
import { ariaKeyShortcuts, matchesShortcut, shortcutHint, SHORTCUTS } from '../../a11y/shortcuts'
import { CorrectionDialog } from './CorrectionDialog'
import { NoteDialog } from './NoteDialog'
import { readOnlyHint, useReadOnlyReason } from '../../useReadOnlyReason'
import './workflow.css'
import './workflowActions.css'

type Props = {
  article: Pick<Article, 'status' | 'author' | 'publishedAt'>
  profile: Profile
  settings: DeskSettings
  checksPass: boolean
  /** How many checks are errors, for the reason a blocked Submit or Approve shows. */
  errorCount?: number | undefined
  /** Why "Mark published" is not available now (a WordPress push waits as a draft). */
  publishBlocked?: string | null | undefined
  onAct: (transition: Transition, note: string) => void
}

const SHORTCUT_OF: Partial<Record<WorkflowAction, typeof SHORTCUTS.submit>> = {
  submit: SHORTCUTS.submit,
  approve: SHORTCUTS.approve,
}

/**
 * The actions the shared table allows this profile on this story. One that is blocked stays
 * focusable (aria-disabled, a click does nothing) and says why in text beside it, so a keyboard
 * or screen-reader user finds the reason where the button is. Submit and Approve have shortcuts.
 */
export function WorkflowActions({
  article,
  profile,
  settings,
  checksPass,
  errorCount,
  publishBlocked,
  onAct,
}: Props) {
  const [asking, setAsking] = useState<Transition | null>(null)
  const readOnly = useReadOnlyReason()
  const buttons = useRef(new Map<WorkflowAction, HTMLButtonElement>())
  const transitions = availableTransitions(profile.role, article.status).filter((t) =>
    t.action === 'publish'
      ? article.publishedAt === null
      : t.action === 'publish_correction'
        ? article.publishedAt !== null
        : true,
  )
  const blocked = (t: Transition): string | null => {
    if (readOnly) return readOnlyHint(readOnly)
    if (t.needsChecks && !checksPass)
      return errorCount
        ? `Fix ${errorCount} ${errorCount === 1 ? 'error' : 'errors'} first`
        : 'Fix the checks first'
    if (t.fourEyes && settings.fourEyes && article.author === profile.name)
      return 'You wrote this story: another desk chief approves it'
    if (t.action === 'publish' && publishBlocked) return publishBlocked
    return null
  }
  const handleAct = (t: Transition) => {
    if (blocked(t) !== null) return
    if (t.note || t.action === 'spike') setAsking(t)
    else onAct(t, '')
  }
  const latest = useRef({ transitions, blocked, handleAct })
  useEffect(() => {
    latest.current = { transitions, blocked, handleAct }
  })
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      const action = matchesShortcut(event, SHORTCUTS.submit)
        ? 'submit'
        : matchesShortcut(event, SHORTCUTS.approve)
          ? 'approve'
          : null
      // Not behind a modal dialog (a note being written): the page under it is inert.
      if (!action || document.querySelector('dialog[open]')) return
      event.preventDefault()
      const { transitions: offered, blocked: whyNot, handleAct: act } = latest.current
      const transition = offered.find((t) => t.action === action)
      if (!transition) return announce(`${ACTION_LABELS[action]} is not available for this story`)
      const reason = whyNot(transition)
      if (reason === null) return act(transition)
      // Blocked: take the user to the button, where the reason is written, and say it.
      buttons.current.get(action)?.focus()
      announce(`${ACTION_LABELS[action]} not available: ${reason}`)
    }
    window.addEventListener('keydown', handleKeyDown)
    return () => window.removeEventListener('keydown', handleKeyDown)
  }, [])
  if (transitions.length === 0) return null
  return (
    <div className="workflow-actions" role="group" aria-label="Workflow">
      {transitions.map((t) => {
        const reason = blocked(t)
        const shortcut = SHORTCUT_OF[t.action]
        const label = ACTION_LABELS[t.action]
        const reasonId = `workflow-reason-${t.action}`
        return (
          <span key={`${t.action}-${t.to}`} className="workflow-action">
            <button
              ref={(element) => {
                if (element) buttons.current.set(t.action, element)
                else buttons.current.delete(t.action)
              }}
              type="button"
              className={`button small ${t.action === 'submit' || t.action === 'approve' ? 'primary' : ''}`}
              aria-disabled={reason !== null ? true : undefined}
              aria-describedby={reason !== null ? reasonId : undefined}
              aria-keyshortcuts={shortcut ? ariaKeyShortcuts(shortcut) : undefined}
              title={reason ?? (shortcut ? shortcutHint(label, shortcut) : undefined)}
              onClick={() => handleAct(t)}
            >
              {label}
            </button>
            {reason !== null && (
              <span id={reasonId} className="workflow-reason">
                {reason}
              </span>
            )}
          </span>
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
