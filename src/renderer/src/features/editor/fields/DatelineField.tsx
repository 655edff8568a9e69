import type { Dateline } from '../../../../../shared/domain/Article'
import { formatDateline } from '../../../../../shared/domain/formatDateline'

type Props = { value: Dateline; onChange: (value: Dateline) => void }

/** Place and date, shown as the reader will see them: "New Delhi, Jan 23". */
export function DatelineField({ value, onChange }: Props) {
  const shown = formatDateline(value)
  return (
    <fieldset className="field dateline" id="dateline">
      <legend className="field-label">Dateline</legend>
      <div className="dateline-row">
        <label className="stacked">
          <span>Dateline place</span>
          <input
            id="dateline-place"
            className="text-input"
            value={value.place}
            placeholder="New Delhi"
            onChange={(e) => onChange({ ...value, place: e.target.value })}
          />
        </label>
        <label className="stacked">
          <span>Dateline date</span>
          <input
            id="dateline-date"
            type="date"
            className="text-input"
            value={value.date ?? ''}
            onChange={(e) => onChange({ ...value, date: e.target.value || null })}
          />
        </label>
      </div>
      <output className="dateline-preview" aria-label="Dateline as printed">
        {shown || 'Place, Mon D'}
      </output>
    </fieldset>
  )
}
