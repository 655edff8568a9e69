import { useEffect, useState } from 'react'
import type { AppProblem, AppProblems } from '../../../../shared/domain/AppProblem'
import { api } from '../../api'
import './appProblems.css'

/** How often the notice asks main for new problems (they arise in the background: search, pushes). */
const POLL_MS = 5_000

/**
 * "Copydesk had a problem": failures of this run the desk should know about, which no screen
 * reports (search not prepared, a push that could not be recorded). Dismissing hides what is listed
 * for as long as the window is open (a failing retry is the same problem, already told); a new
 * problem shows the notice again.
 */
export function AppProblemsNotice() {
  const [state, setState] = useState<AppProblems>({ problems: [], logFile: null })
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())

  useEffect(() => {
    let live = true
    const read = () =>
      api.listAppProblems({}).then(
        (next) => {
          if (live) setState(next)
        },
        // The notice is itself a way to hear of failures: when main cannot answer, the next read tries again.
        (error: unknown) => console.warn('Copydesk could not list its problems', error),
      )
    void read()
    const timer = setInterval(() => void read(), POLL_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [])

  const shown = state.problems.filter((problem) => !dismissed.has(keyOf(problem)))
  if (shown.length === 0) return null
  const handleDismiss = () =>
    setDismissed(new Set([...dismissed, ...state.problems.map(keyOf)]))
  return (
    <section className="problems app-problems" role="alert" aria-label="Copydesk had a problem">
      <div className="app-problems-head">
        <strong>Copydesk had a problem</strong>
        <button
          type="button"
          className="button link"
          aria-label="Dismiss the problem notice"
          onClick={handleDismiss}
        >
          Dismiss
        </button>
      </div>
      <ul>
        {shown.map((problem) => (
          <li key={problem.id}>
            {problem.summary}{' '}
            <span className="app-problems-when">
              ({timeOf(problem.at)}
              {problem.count > 1 ? `, ${problem.count} times` : ''})
            </span>
          </li>
        ))}
      </ul>
      <p className="problems-footer">
        {state.logFile ? (
          <>
            The details are in the log, <code>{state.logFile}</code>, which
          </>
        ) : (
          'The log'
        )}{' '}
        never holds story text or passwords: send it to whoever looks after Copydesk.
      </p>
    </section>
  )
}

/** The same failure again (a retry every few seconds) is the problem already dismissed. */
function keyOf(problem: AppProblem): string {
  return problem.summary
}

function timeOf(at: string): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
}
