import type { TrashEntry } from '../../../../shared/domain/TrashEntry'
import { formatTime } from '../../formatTime'
import { readOnlyHint, useReadOnlyReason } from '../../useReadOnlyReason'
import './articles.css'

type Props = { entries: TrashEntry[] | null; onRestore: (entry: TrashEntry) => void }

/** Trashed articles, newest first, each restorable as it was. */
export function TrashList({ entries, onRestore }: Props) {
  const readOnly = useReadOnlyReason()
  if (entries && entries.length === 0) return <p className="sidebar-message">The trash is empty.</p>
  return (
    <ul className="article-list" aria-label="Trash">
      {entries?.map((entry) => (
        <li key={entry.id} className="trash-item">
          <span className="article-item-headline">{entry.headline || 'Untitled article'}</span>
          <span className="article-item-meta">
            <span>Trashed {formatTime(entry.trashedAt)}</span>
            <button
              type="button"
              className="button small"
              aria-label={`Restore ${entry.headline || 'untitled article'}`}
              disabled={readOnly !== null}
              title={readOnly ? readOnlyHint(readOnly) : undefined}
              onClick={() => onRestore(entry)}
            >
              Restore
            </button>
          </span>
        </li>
      ))}
    </ul>
  )
}
