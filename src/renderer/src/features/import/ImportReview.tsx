import { useModalDialog } from '../../useModalDialog'
import type { ImportProposal } from '../../../../shared/import/ImportProposal'
import { toPublication } from '../../../../shared/export/toPublication'
import { PreviewPane } from '../preview/PreviewPane'

type Props = {
  proposal: ImportProposal
  source: string
  acceptLabel: string
  onAccept: (proposal: ImportProposal) => void
  onCancel: () => void
}

const FORMATS: Record<ImportProposal['format'], string> = {
  'wire-text': 'Wire copy',
  ninjs: 'IPTC ninjs',
  html: 'HTML',
  'plain-text': 'Plain text',
}

/** Shows what an import would create, as the reader would see it, before anything is stored. */
export function ImportReview({ proposal, source, acceptLabel, onAccept, onCancel }: Props) {
  const dialog = useModalDialog()
  const { fields } = proposal
  const parts: [string, boolean][] = [
    ['Headline', Boolean(fields.headline)],
    ['Summary', Boolean(fields.summary)],
    ['Key points', fields.keyPoints.items.length > 0],
    ['Deck', Boolean(fields.deck)],
    ['Dateline', Boolean(fields.dateline.place)],
    ['Pull quote', JSON.stringify(fields.body).includes('"pullQuote"')],
    ['Credit', Boolean(fields.credit)],
  ]
  return (
    <dialog
      ref={dialog}
      className="import-review"
      aria-labelledby="import-title"
      onCancel={onCancel}
    >
      <header className="dialog-head">
        <h2 id="import-title">Review import</h2>
        <p className="muted">
          {source} · read as {FORMATS[proposal.format]}
        </p>
      </header>
      <ul className="import-parts" aria-label="Parts found">
        {parts.map(([label, found]) => (
          <li key={label} className={found ? 'found' : 'missing'}>
            {found ? '✓' : '–'} {label}
          </li>
        ))}
      </ul>
      {proposal.messages.length > 0 && (
        <ul className="import-messages" aria-label="Import notes">
          {proposal.messages.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
        </ul>
      )}
      <div className="import-preview">
        <PreviewPane publication={toPublication(fields)} />
      </div>
      <footer className="dialog-foot">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button primary" onClick={() => onAccept(proposal)}>
          {acceptLabel}
        </button>
      </footer>
    </dialog>
  )
}
