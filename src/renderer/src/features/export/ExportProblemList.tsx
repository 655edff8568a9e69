import type { ExportProblem } from '../../../../shared/domain/ExportedFile'

/** The fields that keep a story from exporting, each a button that takes the editor there. */
export function ExportProblemList({
  problems,
  onGoToField,
}: {
  problems: ExportProblem[]
  onGoToField: (field: string) => void
}) {
  if (problems.length === 0) return null
  return (
    <ul className="check-list" aria-label="Export problems">
      {problems.map((problem, i) => (
        <li key={i}>
          <button
            type="button"
            className="check error"
            onClick={() => problem.field && onGoToField(problem.field)}
          >
            <span className="check-icon" aria-hidden="true">
              !
            </span>
            <span>
              {problem.field ?? problem.path}: {problem.message}
            </span>
          </button>
        </li>
      ))}
    </ul>
  )
}
