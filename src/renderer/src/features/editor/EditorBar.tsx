import type { ReactNode } from 'react'
import type { ArticleStatus } from '../../../../shared/domain/Article'
import { statusLabel } from '../../../../shared/domain/statusLabel'
import { STATUS_ID } from '../../a11y/useClaimFocus'
import { SaveIndicator } from './SaveIndicator'
import type { SaveState } from './SaveState'
import { region } from '../../a11y/useRegionCycling'
import { ariaKeyShortcuts, shortcutHint, SHORTCUTS } from '../../a11y/shortcuts'

type Props = {
  status: ArticleStatus
  /** "Scheduled for …", "Embargoed until …", in the desk's time zone. */
  timing?: string[] | undefined
  revision: number
  readingTime: string
  words: number
  saveState: SaveState
  /** The data folder is read-only: the save state says so instead of "Saved at". */
  readOnly?: boolean | undefined
  previewOpen: boolean
  onRetry: () => void
  onTogglePreview: () => void
  /** Absent when the story cannot be trashed (it is locked). */
  onTrash?: (() => void) | undefined
  onClose: () => void
  /** The workflow actions for this story. */
  children?: ReactNode
}

const REVISION_MEANS =
  'Every save makes a new revision; History keeps some of them as numbered versions.'

/** The open article's state line: status, revision, length, save state, and its actions. */
export function EditorBar(props: Props) {
  return (
    <header className="editor-bar" {...region('story-bar')}>
      <div className="editor-bar-meta" role="group" aria-label="Story">
        {/* Focus lands here after a workflow action or opening a story (useClaimFocus). */}
        <span
          id={STATUS_ID}
          tabIndex={-1}
          role="group"
          aria-label={`Status: ${statusLabel(props.status)}`}
          className={`status-pill status-${props.status}`}
        >
          <span>{statusLabel(props.status)}</span>
        </span>
        {props.timing?.map((line) => (
          <span key={line} className="timing-pill">
            {line}
          </span>
        ))}
        <span className="muted" title={REVISION_MEANS}>
          Revision {props.revision}
          <span className="visually-hidden">. {REVISION_MEANS}</span>
        </span>
        <span className="muted">{props.words.toLocaleString('en-US')} words</span>
        <span className="muted">{props.readingTime}</span>
      </div>
      <SaveIndicator state={props.saveState} readOnly={props.readOnly} onRetry={props.onRetry} />
      {props.children}
      <button
        type="button"
        className="button small"
        aria-pressed={props.previewOpen}
        aria-keyshortcuts={ariaKeyShortcuts(SHORTCUTS.preview)}
        title={shortcutHint('Preview', SHORTCUTS.preview)}
        onClick={props.onTogglePreview}
      >
        Preview
      </button>
      {props.onTrash && (
        <button type="button" className="button small" onClick={props.onTrash}>
          Move to trash
        </button>
      )}
      <button
        type="button"
        className="button small"
        onClick={props.onClose}
        aria-label="Close article"
      >
        Close
      </button>
    </header>
  )
}
