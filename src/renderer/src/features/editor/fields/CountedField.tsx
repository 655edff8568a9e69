import { countWords } from '../../../../../shared/domain/countWords'

type Props = {
  id: string
  label: string
  value: string
  limit?: number | undefined
  multiline?: boolean
  large?: boolean
  placeholder?: string
  onChange: (value: string) => void
}

/** A text field with its live word and character count, warning past the desk's limit. */
export function CountedField({
  id,
  label,
  value,
  limit,
  multiline,
  large,
  placeholder,
  onChange,
}: Props) {
  const length = value.trim().length
  const over = limit !== undefined && length > limit
  const countId = `${id}-count`
  const common = {
    id,
    value,
    placeholder,
    'aria-describedby': countId,
    'aria-invalid': over || undefined,
  }
  return (
    <div className={`field ${large ? 'field-large' : ''}`}>
      <div className="field-head">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        <span id={countId} className={`field-count ${over ? 'over' : ''}`}>
          {countWords(value)} words · {length}
          {limit !== undefined ? ` / ${limit}` : ''} characters
          {over ? ` · ${length - limit} over the limit` : ''}
        </span>
      </div>
      {multiline ? (
        <textarea
          {...common}
          className="text-input multiline"
          rows={2}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <textarea
          {...common}
          className={large ? 'headline-input' : 'text-input single'}
          rows={1}
          onChange={(e) => onChange(e.target.value.replace(/\n/g, ' '))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.preventDefault()
          }}
        />
      )}
    </div>
  )
}
