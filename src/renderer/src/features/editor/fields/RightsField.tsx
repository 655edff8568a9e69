import type { Fields } from '../useArticleFields'

type Props = {
  holder: string
  notice: string
  embargoedUntil: string | null
  deskHolder: string
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
export function RightsField({ holder, notice, embargoedUntil, deskHolder, onChange }: Props) {
  const summary = [
    holder ? `© ${holder}` : deskHolder ? `© ${deskHolder} (desk)` : 'No copyright holder',
    embargoedUntil ? `embargoed until ${localTime(embargoedUntil).replace('T', ' ')}` : '',
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
          <span>Embargoed until (your time)</span>
          <input
            id="field-embargo"
            type="datetime-local"
            className="text-input"
            value={embargoedUntil ? localTime(embargoedUntil) : ''}
            onChange={(e) =>
              onChange(
                'embargoedUntil',
                e.target.value ? new Date(e.target.value).toISOString() : null,
              )
            }
          />
        </label>
      </div>
    </details>
  )
}

/** An ISO time as the value of a datetime-local input, in this computer's time zone. */
function localTime(iso: string): string {
  const date = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}
