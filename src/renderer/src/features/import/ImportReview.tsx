import { useEffect, useRef, useState } from 'react'
import { EditableFields } from '../../../../shared/domain/Article'
import { toPublication } from '../../../../shared/export/toPublication'
import type { ImportProposal } from '../../../../shared/import/ImportProposal'
import { isEmptyProposal } from '../../../../shared/import/isEmptyProposal'
import { placeUnplaced, type PlaceTarget } from '../../../../shared/import/placeUnplaced'
import { api } from '../../api'
import { useModalDialog } from '../../useModalDialog'
import { announceArticleChanged } from '../articles/articleChanged'
import { PreviewPane } from '../preview/PreviewPane'
import { KillWarning } from './KillWarning'
import { UnplacedList } from './UnplacedList'
import './import.css'

type Props = {
  proposal: ImportProposal
  source: string
  acceptLabel: string
  /** Creates or fills the article; resolves false when that failed, so the review stays open. */
  onAccept: (proposal: ImportProposal) => Promise<boolean> | boolean
  onCancel: () => void
  /** Opens a story on the desk (the one a kill withdraws). */
  onOpenArticle?: ((id: string) => void) | undefined
}

const FORMATS: Record<ImportProposal['format'], string> = {
  'wire-text': 'Wire copy',
  ninjs: 'IPTC ninjs',
  'copydesk-publish': 'Copydesk publish JSON',
  html: 'HTML',
  'plain-text': 'Plain text',
}
/** Notes that decide whether the story may run at all: shown as a warning, not in the list. */
const ALERT = /^(?:EMBARGOED|WITHHELD)\b/

/**
 * Shows what an import would create, as the reader would see it, before anything is stored. Copy
 * the importer could not place is listed with one-click targets; an embargo or a withheld item is
 * a warning at the top; an agency kill is a warning about the earlier story, recorded on it, with
 * "Not a kill: import as a story" for copy the importer misread.
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
  const title = useRef<HTMLHeadingElement>(null)
  const [proposal, setProposal] = useState(proposed)
  // After showModal() put focus on the first control: start at the top, on what this dialog is.
  useEffect(() => title.current?.focus(), [])
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [killError, setKillError] = useState<string | null>(null)
  const { fields, kill } = proposal
  const alerts = proposal.messages.filter((m) => ALERT.test(m))
  const notes = proposal.messages.filter((m) => !ALERT.test(m))
  const empty = isEmptyProposal(proposal)
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
  const handleNotAKill = () => {
    setProposal((current) => ({
      ...current,
      kill: null,
      messages: [
        `Read as an agency kill (${current.kill?.reason.slice(0, 200) ?? ''}); you chose to import it as a story.`,
        ...current.messages,
      ],
    }))
    title.current?.focus()
  }
  /** A kill found on the desk is recorded on that story before the dialog goes, however it goes. */
  const recordKill = async (then: () => void) => {
    const earlier = kill?.earlier
    if (!kill || !earlier) return then()
    try {
      await api.recordAgencyKill({ id: earlier.id, reason: kill.reason, uri: kill.uri })
      announceArticleChanged(earlier.id)
      then()
    } catch (reason) {
      setKillError(
        `The kill could not be recorded on the story: ${reason instanceof Error ? reason.message : String(reason)}`,
      )
    }
  }
  const handleEscape = (event: { preventDefault: () => void }) => {
    if (!kill) return onCancel()
    event.preventDefault()
    void recordKill(onCancel)
  }
  const handleAccept = async () => {
    const checked = EditableFields.safeParse(proposal.fields)
    if (!checked.success) {
      const issue = checked.error.issues[0]
      setFailure(`${issue?.path.join('.') || 'The article'}: ${issue?.message ?? 'not valid'}.`)
      return
    }
    setBusy(true)
    setFailure(null)
    const created = await onAccept(proposal)
    setBusy(false)
    if (created === false)
      setFailure(
        'The article was not created (the reason is shown above the article list). Nothing was lost: change it here and try again.',
      )
  }
  return (
    <dialog
      ref={dialog}
      className="import-review"
      aria-labelledby="import-title"
      onCancel={handleEscape}
    >
      <header className="dialog-head">
        <h2 id="import-title" ref={title} tabIndex={-1}>
          {kill ? 'Agency kill' : 'Review import'}
        </h2>
        <p className="muted">
          {source} · read as {FORMATS[proposal.format]}
          {fields.language && ` · language ${fields.language}`}
        </p>
      </header>
      {alerts.length > 0 && (
        <div className="import-alert" role="alert">
          {alerts.map((alert) => (
            <p key={alert}>{alert}</p>
          ))}
        </div>
      )}
      {kill ? (
        <KillWarning
          kill={kill}
          error={killError}
          canOpen={Boolean(onOpenArticle)}
          onClose={() => void recordKill(onCancel)}
          onOpen={() => {
            const id = kill.earlier?.id
            if (id && onOpenArticle) void recordKill(() => onOpenArticle(id))
          }}
          onNotAKill={handleNotAKill}
        />
      ) : (
        <>
          <ul className="import-parts" aria-label="Parts found">
            {parts.map(([label, found]) => (
              <li key={label} className={found ? 'found' : 'missing'}>
                {found ? '✓' : '–'} {label}
              </li>
            ))}
          </ul>
          <UnplacedList
            proposal={proposal}
            onPlace={handlePlace}
            onEmptied={() => title.current?.focus()}
          />
        </>
      )}
      {notes.length > 0 && (
        <ul className="import-messages" aria-label="Import notes">
          {notes.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
        </ul>
      )}
      {!kill && !empty && (
        // Named and focusable, so a keyboard user can reach it and scroll it with the arrow keys.
        <div
          className="import-preview"
          role="region"
          aria-label="The article as it will read"
          tabIndex={0}
        >
          <PreviewPane publication={toPublication(fields)} />
        </div>
      )}
      {!kill && (
        <footer className="dialog-foot">
          {failure && (
            <p className="import-failure" role="alert">
              {failure}
            </p>
          )}
          {empty && (
            <p className="import-failure" role="status">
              Nothing to import: no headline and no text.
            </p>
          )}
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          {!empty && (
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => void handleAccept()}
            >
              {acceptLabel}
            </button>
          )}
        </footer>
      )}
    </dialog>
  )
}
