import { useState, type FormEvent } from 'react'
import { Entity } from '../../../../../shared/domain/Article'

type Props = { value: Entity[]; onChange: (value: Entity[]) => void }

const KIND_LABELS: Record<Entity['kind'], string> = {
  person: 'Person',
  place: 'Place',
  organisation: 'Organisation',
  subject: 'Subject',
}

/**
 * People, places, organisations and coded subjects as tokens: name, kind and a link to the URI the
 * feed gave (Wikidata, cv.iptc.org). They are exported again in ninjs.
 */
export function EntitiesField({ value, onChange }: Props) {
  const [kind, setKind] = useState<Entity['kind']>('person')
  const [name, setName] = useState('')
  const [uri, setUri] = useState('')
  const [error, setError] = useState('')
  const handleAdd = (event: FormEvent) => {
    event.preventDefault()
    const parsed = Entity.safeParse({ kind, name, ...(uri.trim() ? { uri: uri.trim() } : {}) })
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Not a valid entry')
      return
    }
    onChange([...value, parsed.data])
    setName('')
    setUri('')
    setError('')
  }
  return (
    <fieldset className="field entities-field">
      <legend className="field-label">People, places, organisations</legend>
      {value.length === 0 ? (
        <p className="muted small entities-empty">None yet.</p>
      ) : (
        <div className="tokens" aria-label="Entities">
          {value.map((entity, i) => (
            <span key={`${entity.kind}-${entity.name}-${i}`} className="token entity-token">
              <span className="entity-kind">{KIND_LABELS[entity.kind]}</span>
              {entity.name}
              {entity.uri && /^https?:/i.test(entity.uri) && (
                <a
                  href={entity.uri}
                  target="_blank"
                  rel="noopener noreferrer"
                  title={entity.uri}
                  // Starts with the word shown, "link" (WCAG 2.5.3), then says where it goes.
                  aria-label={`link to ${entity.name} on ${hostOf(entity.uri)}`}
                >
                  link
                </a>
              )}
              <button
                type="button"
                aria-label={`Remove ${KIND_LABELS[entity.kind].toLowerCase()} ${entity.name}`}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      <div className="entity-add" role="group" aria-label="Add an entity">
        <select
          aria-label="Entity kind"
          className="text-input"
          value={kind}
          onChange={(e) => {
            const next = Object.keys(KIND_LABELS).find((k) => k === e.target.value)
            if (
              next === 'person' ||
              next === 'place' ||
              next === 'organisation' ||
              next === 'subject'
            )
              setKind(next)
          }}
        >
          {Object.entries(KIND_LABELS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
        <input
          aria-label="Entity name"
          name="entity-name"
          className="text-input"
          value={name}
          placeholder="Name"
          aria-invalid={error && !name.trim() ? true : undefined}
          aria-describedby={error ? 'entity-error' : undefined}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && handleAdd(e)}
        />
        <input
          aria-label="Entity URI"
          name="entity-uri"
          className="text-input"
          value={uri}
          placeholder="URI (optional), e.g. http://www.wikidata.org/entity/Q1156"
          aria-invalid={error && name.trim() ? true : undefined}
          aria-describedby={error ? 'entity-error' : undefined}
          onChange={(e) => setUri(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && handleAdd(e)}
        />
        <button type="button" className="button" onClick={handleAdd}>
          Add
        </button>
      </div>
      {error && (
        <p id="entity-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  )
}

function hostOf(uri: string): string {
  try {
    return new URL(uri).host
  } catch {
    return 'the web'
  }
}
