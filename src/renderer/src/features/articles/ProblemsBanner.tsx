import type { StoreProblem } from '../../../../shared/domain/StoreProblem'
import { readOnlyHint, useReadOnlyReason } from '../../useReadOnlyReason'

type Props = { problems: StoreProblem[]; dataDir: string; onDismiss: (id: string) => void }
type Kind = StoreProblem['kind']

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many)

/** What happened to each kind of file, as the heading of its group. */
const HEADINGS: Record<Kind, (n: number) => string> = {
  'set-aside': (n) =>
    `${plural(n, 'One file', `${n} files`)} in the data folder could not be read and ${plural(n, 'was', 'were')} set aside.`,
  'newer-version': (n) =>
    `${plural(n, 'One article was', `${n} articles were`)} written by a newer Copydesk: ${plural(n, 'it stays', 'they stay')} where ${plural(n, 'it is', 'they are')}, untouched, and ${plural(n, 'opens', 'open')} again once Copydesk is updated.`,
  'left-in-place': (n) =>
    `${plural(n, 'One file', `${n} files`)} could not be opened by this Copydesk and ${plural(n, 'was', 'were')} left where ${plural(n, 'it is', 'they are')}, untouched.`,
}
const ORDER: Kind[] = ['set-aside', 'newer-version', 'left-in-place']

/**
 * Files the store could not use, grouped by what became of them: set aside in quarantine (damaged),
 * or left in place (a newer Copydesk's, or one this version cannot open). None was deleted.
 */
export function ProblemsBanner({ problems, dataDir, onDismiss }: Props) {
  const readOnly = useReadOnlyReason()
  if (problems.length === 0) return null
  return (
    <section className="problems" role="alert" aria-label="Store problems">
      {ORDER.map((kind) => {
        const group = problems.filter((problem) => problem.kind === kind)
        if (group.length === 0) return null
        return (
          <div key={kind} className="problems-group">
            <strong>{HEADINGS[kind](group.length)}</strong>
            <ul>
              {group.map((problem) => (
                <li key={problem.id}>
                  <code>{problem.file}</code>: {problem.reason.replace(/\.$/, '')}.{' '}
                  {kind === 'set-aside' && (
                    <>
                      Kept as <code>{problem.quarantinedAs}</code>.{' '}
                    </>
                  )}
                  <button
                    type="button"
                    className="button link"
                    aria-label={`Dismiss the notice about ${problem.file}`}
                    disabled={readOnly !== null}
                    title={readOnly ? readOnlyHint(readOnly) : undefined}
                    onClick={() => onDismiss(problem.id)}
                  >
                    Dismiss
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )
      })}
      <p className="problems-footer">
        Every other article opens as usual. Nothing was deleted: the files are in {dataDir}.
      </p>
    </section>
  )
}
