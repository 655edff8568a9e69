import { useCallback, useEffect, useRef, useState } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import type { OutboxItem, PushTarget } from '../../../../shared/domain/OutboxItem'
import type { Profile } from '../../../../shared/domain/Profile'
import { isFinal } from '../../../../shared/export/toPublishJson'
import { AppError } from '../../../../shared/ipc/AppError'
import type { ExportProblem } from '../../../../shared/ipc/contract'
import { api } from '../../api'
import { ExportDestinationFields, useExportDestination } from './ExportDestination'
import { formatTime } from '../../formatTime'

type Props = {
  article: Pick<Article, 'id' | 'status'>
  profile: Profile
  onGoToField: (field: string) => void
  onChanged: () => void
}

const STATES: Record<OutboxItem['state'], string> = {
  queued: 'Queued',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Failed',
}

/** Export to a folder, check against the schemas, and push to the CMS with the outbox's state. */
export function ExportPanel({ article, profile, onGoToField, onChanged }: Props) {
  const destination = useExportDestination()
  const { dir, format } = destination
  const [problems, setProblems] = useState<ExportProblem[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [outbox, setOutbox] = useState<OutboxItem[]>([])
  const final = isFinal(article.status)

  const refreshOutbox = useCallback(
    () => api.listOutbox({ articleId: article.id }).then(setOutbox, () => undefined),
    [article.id],
  )
  useEffect(() => {
    void refreshOutbox()
    const timer = setInterval(() => void refreshOutbox(), 2000)
    return () => clearInterval(timer)
  }, [refreshOutbox])
  // When the CMS confirms a push, the story turns published: ask for it again, once per confirmation.
  const sentCount = outbox.filter((item) => item.state === 'sent').length
  const onChangedRef = useRef(onChanged)
  useEffect(() => {
    onChangedRef.current = onChanged
  }, [onChanged])
  useEffect(() => {
    if (sentCount > 0) onChangedRef.current()
  }, [sentCount])

  const fail = (error: unknown) => {
    setMessage(error instanceof Error ? error.message : String(error))
    if (
      error instanceof AppError &&
      error.details &&
      typeof error.details === 'object' &&
      'problems' in error.details &&
      Array.isArray(error.details.problems)
    ) {
      setProblems(error.details.problems.filter(isProblem))
    }
  }
  const handleCheck = async () => {
    setMessage(null)
    try {
      const found = await api.validateExport({ id: article.id, format })
      setProblems(found)
      setMessage(
        found.length === 0
          ? `Valid for ${format === 'ninjs' ? 'IPTC ninjs 3.1' : 'Copydesk publish JSON'}.`
          : null,
      )
    } catch (error) {
      fail(error)
    }
  }
  const handleExport = async () => {
    setMessage(null)
    setProblems(null)
    destination.remember()
    try {
      const [file] = await api.exportArticles({ ids: [article.id], format, dir })
      setMessage(
        file
          ? `${file.final ? 'Exported' : 'Exported as a preview (not approved)'}: ${file.file}`
          : 'Nothing was exported.',
      )
    } catch (error) {
      fail(error)
    }
  }
  const handlePush = async (target: PushTarget) => {
    setMessage(null)
    try {
      await api.pushArticle({ id: article.id, target })
      await refreshOutbox()
    } catch (error) {
      fail(error)
    }
  }

  return (
    <section className="panel export" aria-labelledby="export-title">
      <h2 id="export-title" className="panel-title">
        Export
      </h2>
      {!final && (
        <p className="muted small">
          Not approved yet: files export as previews, marked as such inside.
        </p>
      )}
      <ExportDestinationFields {...destination} formatFirst />
      <div className="button-row">
        <button type="button" className="button small" onClick={() => void handleCheck()}>
          Check export
        </button>
        <button
          type="button"
          className="button small primary"
          disabled={!dir.trim()}
          onClick={() => void handleExport()}
        >
          Export to folder
        </button>
      </div>
      {message && (
        <p className="export-message" role="status">
          {message}
        </p>
      )}
      {problems && problems.length > 0 && (
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
      )}
      {profile.role === 'desk-chief' && final && (
        <div className="button-row">
          <button type="button" className="button small" onClick={() => void handlePush('webhook')}>
            Push to webhook
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => void handlePush('wordpress')}
          >
            Push to WordPress
          </button>
        </div>
      )}
      {outbox.length > 0 && (
        <ul className="outbox-list" aria-label="Outbox">
          {outbox.map((item) => (
            <li key={item.id} className={`outbox-${item.state}`}>
              <strong>
                {item.target === 'wordpress' ? 'WordPress' : 'Webhook'}: {STATES[item.state]}
              </strong>
              {item.state === 'sent' && item.sentAt && (
                <span className="muted small">
                  at {formatTime(item.sentAt)}
                  {item.remoteId ? ` · id ${item.remoteId}` : ''}
                </span>
              )}
              {item.state === 'failed' && (
                <>
                  <span className="small">{item.lastError}</span>
                  <span className="muted small">
                    {item.nextAttemptAt
                      ? `Next try at ${formatTime(item.nextAttemptAt)}`
                      : 'Will not retry by itself'}
                  </span>
                  <button
                    type="button"
                    className="button small"
                    onClick={() => void api.retryPush({ id: item.id }).then(refreshOutbox, fail)}
                  >
                    Retry now
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function isProblem(value: unknown): value is ExportProblem {
  return Boolean(value && typeof value === 'object' && 'path' in value && 'message' in value)
}
