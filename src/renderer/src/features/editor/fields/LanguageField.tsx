import { useId, useState } from 'react'
import { LanguageTag } from '../../../../../shared/domain/Article'

type Props = { value: string; deskDefault: string; onChange: (value: string) => void }

const COMMON = [
  'en',
  'en-GB',
  'en-US',
  'en-IN',
  'hi',
  'ja',
  'zh',
  'ko',
  'th',
  'de',
  'fr',
  'es',
  'it',
  'nb-NO',
  'sv',
  'da',
  'fi',
  'ar',
  'ru',
  'pt',
]

/** The story's language as a BCP 47 tag; empty means the desk's default. */
export function LanguageField({ value, deskDefault, onChange }: Props) {
  const [draft, setDraft] = useState(value)
  // The stored value can change under the field (a paste import sets it): show it.
  const [shown, setShown] = useState(value)
  if (value !== shown) {
    setShown(value)
    setDraft(value)
  }
  const listId = useId()
  const valid = LanguageTag.safeParse(draft).success
  return (
    <div className="field language-field">
      <label className="field-label" htmlFor="field-language">
        Language
      </label>
      <input
        id="field-language"
        className="text-input"
        value={draft}
        list={listId}
        placeholder={`Desk: ${deskDefault || 'en'}`}
        title={`Empty: the desk's language (${deskDefault || 'en'})`}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : 'field-language-error'}
        onChange={(e) => {
          const next = e.target.value.trim()
          setDraft(next)
          if (LanguageTag.safeParse(next).success) onChange(next)
        }}
      />
      <datalist id={listId}>
        {COMMON.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      {!valid && (
        <p id="field-language-error" className="field-error">
          A BCP 47 tag such as en, hi or nb-NO.
        </p>
      )}
    </div>
  )
}
