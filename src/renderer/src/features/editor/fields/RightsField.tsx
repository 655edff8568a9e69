import { useState } from 'react'
import { formatDeskTime, fromWallClock, wallClock } from '../../../../../shared/domain/deskTime'
import type { Fields } from '../useArticleFields'

type Props = {
  holder: string
  notice: string
  embargoedUntil: string | null
  deskHolder: string
  /** The desk's IANA time zone: the embargo is typed and shown in it. */
  timeZone: string
  onChange: <F extends 'copyrightHolder' | 'copyrightNotice' | 'embargoedUntil'>(
    field: F,
    value: Fields[F],
  ) => void
}

/**
 * The story's rights and embargo, from the agency's item or typed: copyright holder and notice
 * (empty: the desk's, from Desk settings) and the embargo. Folded away unless one is set, so
 * imported rights are never invisible and never in the way.
 */
export function RightsField(props: Props) {
  const { holder, notice, embargoedUntil, deskHolder, timeZone, onChange } = props
  const stored = embargoedUntil ? wallClock(embargoedUntil, timeZone) : ''
  // Kept while typing: a half-typed time (year 0002) is in the past and the desk would refuse it.
  const [typed, setTyped] = useState<string | null>(null)
  const handleCommit = () => {
    if (typed === null) return
    setTyped(null)
    if (typed === stored) return
    onChange('embargoedUntil', typed ? fromWallClock(typed, timeZone) : null)
  }
  const summary = [
    holder ? `© ${holder}` : deskHolder ? `© ${deskHolder} (desk)` : 'No copyright holder',
    embargoedUntil ? `embargoed until ${formatDeskTime(embargoedUntil, timeZone)}` : '',
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <details
      className="field rights-field"
      aria-label="Rights and embargo"
      open={Boolean(holder || notice || embargoedUntil)}
    >
      <summary className="field-label">
        Rights and embargo <span className="muted rights-summary">{summary}</span>
      </summary>
      <div className="rights-grid">
        <label className="stacked">
          <span>Copyright holder</span>
          <input
            id="field-copyright-holder"
            className="text-input"
            value={holder}
            maxLength={300}
            placeholder={deskHolder ? `${deskHolder} (Desk settings)` : 'The agency or the desk'}
            onChange={(e) => onChange('copyrightHolder', e.target.value)}
          />
        </label>
        <label className="stacked">
          <span>Copyright notice</span>
          <input
            id="field-copyright-notice"
            className="text-input"
            value={notice}
            maxLength={1000}
            placeholder="Copyright 2026 … All rights reserved."
            onChange={(e) => onChange('copyrightNotice', e.target.value)}
          />
        </label>
        <label className="stacked">
          <span>Embargoed until ({timeZone})</span>
          <input
            id="field-embargo"
            type="datetime-local"
            className="text-input"
            value={typed ?? stored}
            onChange={(e) => setTyped(e.target.value)}
            onBlur={handleCommit}
            onKeyDown={(e) => e.key === 'Enter' && handleCommit()}
          />
        </label>
      </div>
    </details>
  )
}
