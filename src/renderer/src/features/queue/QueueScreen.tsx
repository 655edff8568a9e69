import { useCallback, useEffect, useMemo, useState } from 'react'
import { ArticleStatus, type ArticleSummary } from '../../../../shared/domain/Article'
import { api } from '../../api'
import { useDocumentTitle } from '../../a11y/useDocumentTitle'
import { formatTime } from '../../formatTime'
import { statusLabel } from '../../../../shared/domain/statusLabel'
import { BatchExport } from './BatchExport'
import { leaseLabel } from '../lease/leaseLabel'
import { useDeskLeases, type LoadLeases } from '../lease/useDeskLeases'
import { systemClock } from '../../../../shared/domain/Clock'
import { deskTimeZone } from '../../../../shared/domain/deskTime'
import { publishingTimeLines } from '../../../../shared/domain/publicationTime'
import './queue.css'

type Props = {
  onOpen: (id: string) => void
  refreshKey: number
  /** Moves when the desk changed stories in the local store: the queue is asked again at once. */
  syncVersion?: number | undefined
  /** Where the stories come from; the store through the api unless a test says otherwise. */
  load?: () => Promise<ArticleSummary[]>
  /** Who is editing which story on a joined desk; main through the api unless a test says otherwise. */
  loadLeases?: LoadLeases | undefined
  /** The desk's IANA time zone, in which embargoes and schedules are said. */
  timeZone?: string | undefined
}

const loadFromStore = () => api.listArticles({})

/**
 * The desk chief's view: stories waiting for a decision, oldest first, and a count for every state.
 * When the store could not be asked, it says why and offers Retry: never an empty queue or zero counts.
 */
export function QueueScreen({
  onOpen,
  refreshKey,
  syncVersion,
  load = loadFromStore,
  loadLeases,
  timeZone = deskTimeZone(''),
}: Props) {
  const [all, setAll] = useState<ArticleSummary[] | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [state, setState] = useState<ArticleStatus>('submitted')
  const [now, setNow] = useState(() => systemClock.now().getTime())
  const fetchAll = useCallback(() => {
    let live = true
    load().then(
      (list) => {
        if (!live) return
        setAll(list)
        setFailure(null)
      },
      (reason: unknown) => {
        if (!live) return
        setAll(null)
        setFailure(reason instanceof Error ? reason.message : String(reason))
      },
    )
    return () => {
      live = false
    }
  }, [load])
  useEffect(() => fetchAll(), [fetchAll, refreshKey, syncVersion])
  // Asks again every minute: a queue left open must not keep counts from a host that has gone.
  useEffect(() => {
    let stop: (() => void) | undefined
    const timer = setInterval(() => {
      setNow(systemClock.now().getTime())
      stop?.()
      stop = fetchAll()
    }, 60_000)
    return () => {
      clearInterval(timer)
      stop?.()
    }
  }, [fetchAll])
  const handleRetry = () => {
    setFailure(null)
    fetchAll()
  }
  useDocumentTitle('Desk queue')
  const leases = useDeskLeases(all, loadLeases)
  const counts = useMemo(() => {
    const map = new Map<ArticleStatus, number>()
    for (const article of all ?? []) map.set(article.status, (map.get(article.status) ?? 0) + 1)
    return map
  }, [all])
  const rows = useMemo(() => {
    const since = (a: ArticleSummary) => a.statusChangedAt ?? a.updatedAt
    return (all ?? [])
      .filter((a) => a.status === state)
      .sort((a, b) => since(a).localeCompare(since(b)))
  }, [all, state])

  return (
    <div className="queue-screen">
      <header className="queue-head">
        <h1>Desk queue</h1>
        <BatchExport />
        <div className="state-filters" role="group" aria-label="Filter by state">
          {ArticleStatus.options.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={state === option}
              onClick={() => setState(option)}
            >
              {statusLabel(option)}
              {all && ' '}
              {all && <span className="count">{counts.get(option) ?? 0}</span>}
            </button>
          ))}
        </div>
      </header>
      {failure ? (
        <section className="queue-failure" role="alert" aria-labelledby="queue-failure-title">
          <h3 id="queue-failure-title">The desk queue could not be loaded</h3>
          <p>{failure}</p>
          <button type="button" className="button" onClick={handleRetry}>
            Retry
          </button>
        </section>
      ) : !all ? (
        <p className="empty-state" aria-busy="true">
          Loading the desk queue…
        </p>
      ) : rows.length === 0 ? (
        <p className="empty-state">Nothing is {statusLabel(state).toLowerCase()} right now.</p>
      ) : (
        <table className="queue-table" aria-label={`${statusLabel(state)} stories`}>
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Author</th>
              <th scope="col">Words</th>
              <th scope="col">{state === 'submitted' ? 'Waiting' : 'Since'}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const since = row.statusChangedAt ?? row.updatedAt
              const lease = leases.get(row.id)
              return (
                <tr key={row.id}>
                  <td>
                    <a
                      href={`#/article/${row.id}`}
                      onClick={(e) => {
                        e.preventDefault()
                        onOpen(row.id)
                      }}
                    >
                      {row.headline || 'Untitled article'}
                    </a>
                    {publishingTimeLines(row, new Date(now), timeZone).map((line) => (
                      <span key={line} className="timing-line">
                        {line}
                      </span>
                    ))}
                    {lease && (
                      <span className="lease-line">{leaseLabel(lease.holder, lease.since)}</span>
                    )}
                  </td>
                  <td>{row.author}</td>
                  <td>{row.wordCount.toLocaleString('en-US')}</td>
                  <td title={since}>
                    {state === 'submitted' ? waiting(now - Date.parse(since)) : formatTime(since)}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </div>
  )
}

/** "12 min", "3 h 5 min", "2 days" */
export function waiting(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours} h ${minutes % 60} min`
  const days = Math.floor(hours / 24)
  return `${days} day${days === 1 ? '' : 's'}`
}
