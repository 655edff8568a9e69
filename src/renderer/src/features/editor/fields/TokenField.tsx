import { useId, useState, type KeyboardEvent } from 'react'

type Props = {
  id: string
  label: string
  itemLabel: string
  values: string[]
  placeholder?: string
  suggestions?: string[]
  onChange: (values: string[]) => void
}

/** A list of short values (authors, tags) typed one at a time; Enter or comma adds, × removes. */
export function TokenField({
  id,
  label,
  itemLabel,
  values,
  placeholder,
  suggestions,
  onChange,
}: Props) {
  const [draft, setDraft] = useState('')
  const listId = useId()
  const add = (raw: string) => {
    const value = raw.trim().replace(/,$/, '').trim()
    if (value && !values.some((v) => v.toLowerCase() === value.toLowerCase()))
      onChange([...values, value])
    setDraft('')
  }
  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault()
      add(draft)
    } else if (event.key === 'Backspace' && !draft && values.length > 0) {
      onChange(values.slice(0, -1))
    }
  }
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="tokens">
        {values.map((value) => (
          <span key={value} className="token">
            {value}
            <button
              type="button"
              aria-label={`Remove ${itemLabel} ${value}`}
              onClick={() => onChange(values.filter((v) => v !== value))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          className="token-input"
          value={draft}
          placeholder={values.length === 0 ? placeholder : ''}
          list={suggestions ? listId : undefined}
          onChange={(e) => {
            const value = e.target.value
            // Picking from the suggestion list fills the whole value at once: take it as a tag.
            if (suggestions?.includes(value) && value.length - draft.length > 1) add(value)
            else setDraft(value)
          }}
          onKeyDown={handleKeyDown}
          onBlur={() => draft.trim() && add(draft)}
        />
      </div>
      {suggestions && (
        <datalist id={listId}>
          {suggestions
            .filter((s) => !values.includes(s))
            .slice(0, 50)
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      )}
    </div>
  )
}
