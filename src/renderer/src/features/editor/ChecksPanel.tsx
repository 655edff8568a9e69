import type { Check } from '../../../../shared/domain/checkArticle'

type Props = { checks: Check[]; onGoTo: (check: Check) => void }

/** The live list of problems; each entry moves focus to the field it is about. */
export function ChecksPanel({ checks, onGoTo }: Props) {
  const errors = checks.filter((c) => c.severity === 'error').length
  return (
    <section className="panel checks" aria-labelledby="checks-title">
      <h2 id="checks-title" className="panel-title">
        Checks
        <span className={`panel-badge ${errors ? 'bad' : checks.length ? 'warn' : 'ok'}`}>
          {checks.length === 0 ? 'Ready' : `${checks.length} to fix`}
        </span>
      </h2>
      {checks.length === 0 ? (
        <p className="muted small">Nothing for the desk to send back.</p>
      ) : (
        <ul className="check-list" aria-label="Problems">
          {checks.map((check) => (
            <li key={check.id}>
              <button
                type="button"
                className={`check ${check.severity}`}
                onClick={() => onGoTo(check)}
              >
                <span className="check-icon" aria-hidden="true">
                  {check.severity === 'error' ? '!' : '•'}
                </span>
                {/* Said in words, not only by the icon's colour and shape. */}
                <span className="visually-hidden">
                  {check.severity === 'error' ? 'Error: ' : 'Warning: '}
                </span>
                <span>{check.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
