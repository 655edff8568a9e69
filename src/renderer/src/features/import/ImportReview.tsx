import { useState } from 'react'
import { useModalDialog } from '../../useModalDialog'
import type { ImportProposal } from '../../../../shared/import/ImportProposal'
import { placeUnplaced, type PlaceTarget } from '../../../../shared/import/placeUnplaced'
import { toPublication } from '../../../../shared/export/toPublication'
import { PreviewPane } from '../preview/PreviewPane'
import { UnplacedList } from './UnplacedList'

type Props = {
  proposal: ImportProposal
  source: string
  acceptLabel: string
  onAccept: (proposal: ImportProposal) => void
  onCancel: () => void
  /** Opens a story on the desk (the one a kill withdraws). */
  onOpenArticle?: ((id: string) => void) | undefined
}

const FORMATS: Record<ImportProposal['format'], string> = {
  'wire-text': 'Wire copy',
  ninjs: 'IPTC ninjs',
  html: 'HTML',
  'plain-text': 'Plain text',
}

/**
 * Shows what an import would create, as the reader would see it, before anything is stored. Copy
 * the importer could not place is listed with one-click targets; an agency kill is a warning about
 * the earlier story and offers no way to create a story from it.
 */
export function ImportReview({
  proposal: proposed,
  source,
  acceptLabel,
  onAccept,
  onCancel,
  onOpenArticle,
}: Props) {
  const dialog = useModalDialog()
  const [proposal, setProposal] = useState(proposed)
  const { fields, kill } = proposal
  const parts: [string, boolean][] = [
    ['Headline', Boolean(fields.headline)],
    ['Summary', Boolean(fields.summary)],
    ['Key points', fields.keyPoints.items.length > 0],
    ['Deck', Boolean(fields.deck)],
    ['Dateline', Boolean(fields.dateline.place)],
    ['Pull quote', JSON.stringify(fields.body).includes('"pullQuote"')],
    ['Byline', fields.byline.length > 0],
    ['Credit', Boolean(fields.credit)],
    ['People, places', fields.entities.length > 0],
  ]
  const handlePlace = (index: number, target: PlaceTarget) =>
    setProposal((current) => placeUnplaced(current, index, target))
  return (
    <dialog
      ref={dialog}
      className="import-review"
      aria-labelledby="import-title"
      onCancel={onCancel}
    >
      <header className="dialog-head">
        <h2 id="import-title">{kill ? 'Agency kill' : 'Review import'}</h2>
        <p className="muted">
          {source} · read as {FORMATS[proposal.format]}
          {fields.language && ` · language ${fields.language}`}
        </p>
      </header>
      {kill ? (
        <div className="import-kill" role="alert">
          <p className="import-kill-title">
            Do not publish: the agency has withdrawn{' '}
            {kill.headline ? `“${kill.headline}”` : 'an earlier story'}.
          </p>
          <p className="import-kill-reason">{kill.reason}</p>
          {kill.earlier ? (
            <p>
              On this desk: <strong>{kill.earlier.headline}</strong> (
              {kill.earlier.status.replace('_', ' ')}).
            </p>
          ) : (
            <p className="muted">
              No story from this item was found on this desk{kill.uri ? ` (${kill.uri})` : ''}.
            </p>
          )}
        </div>
      ) : (
        <>
          <ul className="import-parts" aria-label="Parts found">
            {parts.map(([label, found]) => (
              <li key={label} className={found ? 'found' : 'missing'}>
                {found ? '✓' : '–'} {label}
              </li>
            ))}
          </ul>
          <UnplacedList items={proposal.unplaced} onPlace={handlePlace} />
        </>
      )}
      {proposal.messages.length > 0 && (
        <ul className="import-messages" aria-label="Import notes">
          {proposal.messages.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
        </ul>
      )}
      {!kill && (
        <div className="import-preview">
          <PreviewPane publication={toPublication(fields)} />
        </div>
      )}
      <footer className="dialog-foot">
        <button type="button" className="button" onClick={onCancel}>
          {kill ? 'Close' : 'Cancel'}
        </button>
        {kill?.earlier && onOpenArticle && (
          <button
            type="button"
            className="button primary"
            onClick={() => kill.earlier && onOpenArticle(kill.earlier.id)}
          >
            Open the earlier story
          </button>
        )}
        {!kill && (
          <button type="button" className="button primary" onClick={() => onAccept(proposal)}>
            {acceptLabel}
          </button>
        )}
      </footer>
    </dialog>
  )
}
