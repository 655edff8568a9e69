import { useEffect, useState } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import type { ArticleDiff } from '../../../../shared/domain/diffArticles'
import {
  isSnapshotReason,
  type AuditEntry,
  type RevisionMeta,
  type SnapshotReason,
} from '../../../../shared/domain/History'
import { api } from '../../api'
import { formatTime } from '../../formatTime'
import { statusLabel } from '../../../../shared/domain/statusLabel'
import { DiffView } from './DiffView'
import { readOnlyHint, useReadOnlyReason } from '../../useReadOnlyReason'
import './history.css'

type Props = {
  articleId: string
  revision: number
  editable: boolean
  onRestored: (article: Article) => void
  onError: (message: string) => void
}

const REASONS: Record<SnapshotReason, string> = {
  created: 'Created',
  'state-change': 'State change',
  'saved-version': 'Saved version',
  autosave: 'While editing',
  restored: 'Restored',
  recovered: 'Recovered from its snapshot file',
  'conflict-copy': 'Your version, kept in a sync conflict',
}

/**
 * Versions (who, when, state, note), a diff of any two, restore, and the audit trail. A "revision"
 * is the article's save count, as the editor bar shows it; History keeps some revisions as numbered
 * versions, and each says which revision it holds.
 */
export function HistoryPanel({ articleId, revision, editable, onRestored, onError }: Props) {
  const [revisions, setRevisions] = useState<RevisionMeta[]>([])
  const [audit, setAudit] = useState<AuditEntry[]>([])
  const [from, setFrom] = useState<number | null>(null)
  const [to, setTo] = useState(0)
  const [diff, setDiff] = useState<ArticleDiff | null>(null)
  const readOnly = useReadOnlyReason()

  useEffect(() => {
    let live = true
    Promise.all([api.listRevisions({ id: articleId }), api.getAudit({ id: articleId })]).then(
      ([r, a]) => {
        if (!live) return
        setRevisions(r)
        setAudit(a)
      },
      (error: unknown) => onError(String(error)),
    )
    return () => {
      live = false
    }
  }, [articleId, revision, onError])

  const fromSeq = from ?? revisions[0]?.seq ?? 0
  useEffect(() => {
    if (!fromSeq && !to) return
    let live = true
    api.diffRevisions({ id: articleId, from: fromSeq, to }).then(
      (d) => live && setDiff(d),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [articleId, fromSeq, to, revision])

  const handleSaveVersion = async () => {
    try {
      const meta = await api.saveVersion({ id: articleId })
      setRevisions((list) => [meta, ...list])
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
    }
  }
  const handleRestore = async (seq: number) => {
    try {
      onRestored(await api.restoreRevision({ id: articleId, seq }))
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
    }
  }
  const option = (r: RevisionMeta) => (
    <option key={r.seq} value={r.seq}>
      Version {r.seq} · revision {r.articleRevision} · {formatTime(r.at)}
    </option>
  )

  return (
    <section className="panel history" aria-labelledby="history-title">
      <h2 id="history-title" className="panel-title">
        Versions
        <button
          type="button"
          className="button small"
          disabled={readOnly !== null}
          title={readOnly ? readOnlyHint(readOnly) : undefined}
          onClick={() => void handleSaveVersion()}
        >
          Save version
        </button>
      </h2>
      <p className="muted small">
        Every save is a revision (now revision {revision}); these versions are the ones History
        keeps.
      </p>
      <ol className="revision-list" aria-label="Versions">
        {revisions.map((r) => (
          <li key={r.seq}>
            <div className="revision-line">
              <strong>Version {r.seq}</strong>{' '}
              <span className={`status-pill status-${r.status}`}>{statusLabel(r.status)}</span>
            </div>
            <div className="muted small">
              {isSnapshotReason(r.reason) ? REASONS[r.reason] : r.reason} · revision{' '}
              {r.articleRevision} · {r.by} · <time dateTime={r.at}>{formatTime(r.at)}</time>
            </div>
            {r.note && <div className="revision-note">{r.note}</div>}
            {editable && (
              <button
                type="button"
                className="button link"
                aria-label={`Restore version ${r.seq}`}
                onClick={() => void handleRestore(r.seq)}
              >
                Restore
              </button>
            )}
          </li>
        ))}
      </ol>
      <div className="compare">
        <label className="stacked">
          <span aria-hidden="true">Compare from</span>
          <select
            aria-label="Compare from version"
            value={fromSeq}
            onChange={(e) => setFrom(Number(e.target.value))}
          >
            {revisions.map(option)}
          </select>
        </label>
        <label className="stacked">
          <span aria-hidden="true">To</span>
          <select
            aria-label="Compare to version"
            value={to}
            onChange={(e) => setTo(Number(e.target.value))}
          >
            <option value={0}>Now (revision {revision})</option>
            {revisions.map(option)}
          </select>
        </label>
      </div>
      {diff && <DiffView diff={diff} />}
      <h3 className="panel-subtitle">Audit trail</h3>
      <ol className="audit-list" aria-label="Audit trail">
        {audit.map((entry, i) => (
          <li key={i}>
            <span>{describe(entry)}</span>
            <span className="muted small">
              {entry.by} · {formatTime(entry.at)}
            </span>
            {entry.note && <span className="revision-note">{entry.note}</span>}
          </li>
        ))}
      </ol>
    </section>
  )
}

function describe(entry: AuditEntry): string {
  const action = entry.action
    .replace(/^transition:/, '')
    .replace(/_/g, ' ')
    .replace(/-/g, ' ')
  const move =
    entry.from && entry.to ? ` (${statusLabel(entry.from)} → ${statusLabel(entry.to)})` : ''
  return `${action.charAt(0).toUpperCase()}${action.slice(1)}${move}`
}
