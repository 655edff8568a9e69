import { useModalDialog } from '../../useModalDialog'
import type { EditableFields } from '../../../../shared/domain/Article'
import { diffArticles } from '../../../../shared/domain/diffArticles'
import { DiffView } from '../history/DiffView'

type Props = {
  saved: EditableFields
  mine: EditableFields
  onClose: () => void
  /** Other words for another pair of texts (a sync conflict compares the desk's with a kept one). */
  title?: string
  explanation?: string
}

/** The saved version (struck) against the text in this window (inserted), to merge by hand. */
export function CompareDialog({ saved, mine, onClose, title, explanation }: Props) {
  const dialog = useModalDialog()
  return (
    <dialog
      ref={dialog}
      className="import-review"
      aria-labelledby="compare-title"
      onCancel={onClose}
    >
      <header className="dialog-head">
        <h2 id="compare-title">{title ?? 'Compare with the saved version'}</h2>
        <p className="muted">
          {explanation ??
            'Struck: what is saved now. Marked: what is in this window. Edit your text to merge, then keep your version.'}
        </p>
      </header>
      <div className="import-preview">
        <DiffView diff={diffArticles(saved, mine)} />
      </div>
      <footer className="dialog-foot">
        <button type="button" className="button primary" onClick={onClose}>
          Close
        </button>
      </footer>
    </dialog>
  )
}
