import { useEffect, useRef } from 'react'
import { SOURCE_LINK_MAX, SOURCE_NAME_MAX, type Source } from '../../../../../shared/domain/Article'
import { sourceProblems, sourceProblemText } from '../../../../../shared/domain/sourceProblems'
import { sourceLink, sourceWithLink } from '../../../../../shared/domain/sourceWithLink'

type Props = { value: Source[]; onChange: (value: Source[]) => void }

/**
 * Sources: a name and, optionally, an http(s) link. A link with no name, or a link that is not
 * http(s), stays as typed, flagged here and in the checks, and blocks submission until fixed; it is
 * never exported.
 */
export function SourcesField({ value, onChange }: Props) {
  const list = useRef<HTMLUListElement>(null)
  const focusNew = useRef<number | null>(null)
  // A new source takes the cursor into its name, as a new key point does (keyboard reach).
  useEffect(() => {
    if (focusNew.current === null) return
    list.current?.querySelectorAll('li')[focusNew.current]?.querySelector('input')?.focus()
    focusNew.current = null
  })
  const update = (index: number, source: Source) =>
    onChange(value.map((s, i) => (i === index ? source : s)))
  return (
    <fieldset className="field sources" id="sources">
      <legend className="field-label">Sources</legend>
      {value.length === 0 && <p className="muted small">No sources yet.</p>}
      <ul className="source-list" ref={list}>
        {value.map((source, index) => {
          const link = sourceLink(source)
          const problems = sourceProblems(source)
          const nameProblem = problems.find((p) => p === 'no-name' || p === 'long-name')
          const linkProblem = problems.find((p) => p === 'bad-link' || p === 'long-link')
          const nameErrorId = `source-${index + 1}-name-error`
          const linkErrorId = `source-${index + 1}-link-error`
          return (
            <li key={index}>
              <input
                className="text-input"
                aria-label={`Source ${index + 1} name`}
                placeholder="India Narrative"
                maxLength={SOURCE_NAME_MAX}
                value={source.name}
                aria-invalid={nameProblem ? true : undefined}
                aria-describedby={nameProblem ? nameErrorId : undefined}
                onChange={(e) => update(index, sourceWithLink(e.target.value, link))}
              />
              <input
                className="text-input"
                aria-label={`Source ${index + 1} link`}
                placeholder="https:// (optional)"
                inputMode="url"
                maxLength={SOURCE_LINK_MAX}
                value={link}
                aria-invalid={linkProblem ? true : undefined}
                aria-describedby={linkProblem ? linkErrorId : undefined}
                onChange={(e) => update(index, sourceWithLink(source.name, e.target.value))}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove source ${index + 1}`}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                ×
              </button>
              {nameProblem && (
                <span className="field-error source-name-error" id={nameErrorId}>
                  {sourceProblemText(nameProblem)}
                </span>
              )}
              {linkProblem && (
                <span className="field-error source-link-error" id={linkErrorId}>
                  {sourceProblemText(linkProblem)}
                </span>
              )}
            </li>
          )
        })}
      </ul>
      <button
        type="button"
        className="button small"
        onClick={() => {
          focusNew.current = value.length
          onChange([...value, { name: '' }])
        }}
      >
        Add source
      </button>
    </fieldset>
  )
}
