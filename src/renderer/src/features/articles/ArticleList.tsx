import { systemClock } from '../../../../shared/domain/Clock'
import { deskTimeZone } from '../../../../shared/domain/deskTime'
import { publishingTimeLines } from '../../../../shared/domain/publicationTime'
import type { ReactNode } from 'react'
import type { ArticleSummary } from '../../../../shared/domain/Article'
import { formatTime } from '../../formatTime'
import { statusLabel } from '../../../../shared/domain/statusLabel'
import { statusNoteLine } from './statusNoteLine'
import { readOnlyHint, useReadOnlyReason } from '../../useReadOnlyReason'
import { leaseLabel } from '../lease/leaseLabel'
import { useDeskLeases, type LoadLeases } from '../lease/useDeskLeases'
import './articles.css'
import { region } from '../../a11y/useRegionCycling'
import { ariaKeyShortcuts, shortcutHint, SHORTCUTS } from '../../a11y/shortcuts'

type Props = {
  /** The desk's IANA time zone, in which embargoes and schedules are said. */
  timeZone?: string | undefined
  view: 'desk' | 'trash'
  onViewChange: (view: 'desk' | 'trash') => void
  trash: ReactNode
  articles: ArticleSummary[] | null
  query: string
  selectedId: string | null
  error: string | null
  /** A search has been on its way for a while. */
  searching: boolean
  onQueryChange: (query: string) => void
  onCreate: () => void
  onOpen: (id: string) => void
  /** Who is editing which story on a joined desk; main through the api unless a test says otherwise. */
  loadLeases?: LoadLeases | undefined
}

/** The desk's article list: newest first; while searching, headline matches first. */
export function ArticleList({
  view,
  onViewChange,
  trash,
  articles,
  query,
  selectedId,
  error,
  searching,
  onQueryChange,
  onCreate,
  onOpen,
  loadLeases,
  timeZone = deskTimeZone(''),
}: Props) {
  const readOnly = useReadOnlyReason()
  const leases = useDeskLeases(articles, loadLeases)
  return (
    <aside className="sidebar" aria-label="Article list" {...region('list')}>
      <div className="sidebar-head">
        <button
          type="button"
          className="button primary wide"
          disabled={readOnly !== null}
          title={
            readOnly ? readOnlyHint(readOnly) : shortcutHint('New article', SHORTCUTS.newArticle)
          }
          onClick={onCreate}
          aria-keyshortcuts={ariaKeyShortcuts(SHORTCUTS.newArticle)}
        >
          New article
        </button>
        <label className="search">
          <span className="visually-hidden">Search articles</span>
          <input
            type="search"
            placeholder="Search headlines, text, tags, people"
            value={query}
            onChange={(event) => onQueryChange(event.target.value)}
          />
        </label>
      </div>
      {error && (
        <p className="sidebar-message error" role="alert">
          {error}
        </p>
      )}
      <div className="view-switch" role="group" aria-label="Show">
        <button type="button" aria-pressed={view === 'desk'} onClick={() => onViewChange('desk')}>
          Desk
        </button>
        <button type="button" aria-pressed={view === 'trash'} onClick={() => onViewChange('trash')}>
          Trash
        </button>
      </div>
      {view === 'trash' && <nav aria-label="Trashed articles">{trash}</nav>}
      {view === 'desk' && searching && (
        <p className="sidebar-message" role="status">
          Searching every article…
        </p>
      )}
      {view === 'desk' && !searching && articles && articles.length === 0 && (
        <p className="sidebar-message">
          {query ? `No articles match “${query}”.` : 'No articles yet. Start with New article.'}
        </p>
      )}
      <nav aria-label="Articles" hidden={view !== 'desk'}>
        <ul className="article-list">
          {articles?.map((article) => {
            const note = statusNoteLine(article)
            const lease = leases.get(article.id)
            return (
              <li key={article.id}>
                <a
                  href={`#/article/${article.id}`}
                  className="article-item"
                  aria-current={article.id === selectedId ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault()
                    onOpen(article.id)
                  }}
                >
                  <span className="article-item-headline">
                    {article.headline || 'Untitled article'}
                  </span>
                  <span className="article-item-meta">
                    <span className={`status-pill status-${article.status}`}>
                      {statusLabel(article.status)}
                    </span>
                    <span>{article.wordCount.toLocaleString('en-US')} words</span>
                    <time dateTime={article.updatedAt}>{formatTime(article.updatedAt)}</time>
                  </span>
                  {lease && (
                    <span className="lease-line">{leaseLabel(lease.holder, lease.since)}</span>
                  )}
                  {publishingTimeLines(article, systemClock.now(), timeZone).map((line) => (
                    <span key={line} className="timing-line">
                      {line}
                    </span>
                  ))}
                  {note && (
                    <span className="article-item-note" dir="auto" title={note.tooltip}>
                      {note.short}
                    </span>
                  )}
                </a>
              </li>
            )
          })}
        </ul>
      </nav>
    </aside>
  )
}
