import type { Source } from '../../../../../shared/domain/Article'
import { HttpUrl } from '../../../../../shared/domain/Article'

type Props = { value: Source[]; onChange: (value: Source[]) => void }

/** Sources: a name and, optionally, an http(s) link. Other links are flagged and never saved. */
export function SourcesField({ value, onChange }: Props) {
  const update = (index: number, source: Source) =>
    onChange(value.map((s, i) => (i === index ? source : s)))
  return (
    <fieldset className="field sources" id="sources">
      <legend className="field-label">Sources</legend>
      {value.length === 0 && <p className="muted small">No sources yet.</p>}
      <ul className="source-list">
        {value.map((source, index) => {
          const badUrl = Boolean(source.url) && !HttpUrl.safeParse(source.url).success
          return (
            <li key={index}>
              <input
                className="text-input"
                aria-label={`Source ${index + 1} name`}
                placeholder="India Narrative"
                value={source.name}
                onChange={(e) => update(index, { ...source, name: e.target.value })}
              />
              <input
                className="text-input"
                aria-label={`Source ${index + 1} link`}
                placeholder="https:// (optional)"
                inputMode="url"
                value={source.url ?? ''}
                aria-invalid={badUrl || undefined}
                onChange={(e) => update(index, { ...source, url: e.target.value || undefined })}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove source ${index + 1}`}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                ×
              </button>
              {badUrl && (
                <span className="field-error" role="alert">
                  Only http(s) links are accepted.
                </span>
              )}
            </li>
          )
        })}
      </ul>
      <button
        type="button"
        className="button small"
        onClick={() => onChange([...value, { name: '' }])}
      >
        Add source
      </button>
    </fieldset>
  )
}
