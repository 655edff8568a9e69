import { useState } from 'react'
import type { Article, EditableFields } from '../../../../shared/domain/Article'
import { formatTime } from '../../formatTime'
import { CompareDialog } from './CompareDialog'

type Props = {
  current: Article
  mine: EditableFields
  onKeepMine: () => void
  onTakeTheirs: () => void
}

/** Shown when another window saved this article first: the editor's text stays until they choose. */
export function ConflictBanner({ current, mine, onKeepMine, onTakeTheirs }: Props) {
  const [comparing, setComparing] = useState(false)
  return (
    <section className="conflict" role="alert" aria-label="Save conflict">
      <p>
        <strong>This article was saved elsewhere</strong> at {formatTime(current.updatedAt)}{' '}
        (revision {current.revision}) while you were editing. Your text is still here and has not
        been saved.
      </p>
      <div className="conflict-actions">
        <button type="button" className="button" onClick={() => setComparing(true)}>
          Compare
        </button>
        <button type="button" className="button primary" onClick={onKeepMine}>
          Keep my version
        </button>
        <button type="button" className="button" onClick={onTakeTheirs}>
          Load the saved version
        </button>
      </div>
      {comparing && (
        <CompareDialog saved={current} mine={mine} onClose={() => setComparing(false)} />
      )}
    </section>
  )
}
