import type { Source } from '../../../../../shared/domain/Article'
import { HttpUrl } from '../../../../../shared/domain/Article'

type Props = { value: Source[]; onChange: (value: Source[]) => void }

/**
 * Sources: a name and, optionally, an http(s) link. Another link stays as typed, flagged here and
 * in the checks, and blocks submission until it is fixed; it is never exported.
 */
export function SourcesField({ value, onChange }: Props) {
  const update = (index: number, source: Source) =>
    onChange(value.map((s, i) => (i === index ? source : s)))
  return (
    <fieldset className="field sources" id="sources">
      <legend className="field-label">Sources</legend>
      {value.length === 0 && <p className="muted small">No sources yet.</p>}
      <ul className="source-list">
        {value.map((source, index) => {
          const link = source.url ?? source.invalidUrl ?? ''
          const badUrl = Boolean(link.trim()) && !HttpUrl.safeParse(link).success
          const errorId = `source-${index + 1}-link-error`
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
                value={link}
                aria-invalid={badUrl || undefined}
                aria-describedby={badUrl ? errorId : undefined}
                onChange={(e) => update(index, withLink(source, e.target.value))}
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
                <span className="field-error" id={errorId}>
                  Not an http(s) link: kept as typed, and the story cannot go to the desk until it
                  is fixed or cleared.
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

/** The source with `typed` as its link: an http(s) link, or else kept apart as typed. */
function withLink(source: Source, typed: string): Source {
  const name = source.name
  if (!typed) return { name }
  return HttpUrl.safeParse(typed).success ? { name, url: typed } : { name, invalidUrl: typed }
}
