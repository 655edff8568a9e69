import type { StoreProblem } from '../../../../shared/ipc/contract'

type Props = { problems: StoreProblem[]; dataDir: string; onDismiss: (id: string) => void }

/** Files the store could not read: they were set aside, never deleted, and are named here. */
export function ProblemsBanner({ problems, dataDir, onDismiss }: Props) {
  if (problems.length === 0) return null
  const count = problems.length === 1 ? 'One file' : `${problems.length} files`
  return (
    <section className="problems" role="alert" aria-label="Store problems">
      <strong>
        {count} in the data folder could not be read and {problems.length === 1 ? 'was' : 'were'}{' '}
        set aside.
      </strong>{' '}
      Every other article opens as usual. Nothing was deleted: the files are in {dataDir}.
      <ul>
        {problems.map((problem) => (
          <li key={problem.id}>
            <code>{problem.file}</code>: {problem.reason}. Kept as{' '}
            <code>{problem.quarantinedAs}</code>.{' '}
            <button
              type="button"
              className="button link"
              aria-label={`Dismiss the notice about ${problem.file}`}
              onClick={() => onDismiss(problem.id)}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
