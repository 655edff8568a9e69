import { useCallback, useEffect, useRef, useState } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import {
  isLive,
  outboxStateLabel,
  type OutboxItem,
  type PushOutcome,
  type PushTarget,
} from '../../../../shared/domain/OutboxItem'
import type { Profile } from '../../../../shared/domain/Profile'
import { isFinal } from '../../../../shared/export/toPublishJson'
import { AppError } from '../../../../shared/ipc/AppError'
import type { ExportProblem } from '../../../../shared/ipc/contract'
import { api } from '../../api'
import { ExportDestinationFields, useExportDestination } from './ExportDestination'
import { formatTime } from '../../formatTime'
import { CorrectionDialog } from '../workflow/CorrectionDialog'
import '../../styles/cms.css'

type Props = {
  article: Pick<Article, 'id' | 'status'>
  profile: Profile
  onGoToField: (field: string) => void
  onChanged: () => void
}

const TARGET_NAMES: Record<PushTarget, string> = { wordpress: 'WordPress', webhook: 'Webhook' }

/** Export to a folder, check against the schemas, and push to the CMS with the outbox's state. */
export function ExportPanel({ article, profile, onGoToField, onChanged }: Props) {
  const destination = useExportDestination()
  const { dir, format } = destination
  const [problems, setProblems] = useState<ExportProblem[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [outbox, setOutbox] = useState<OutboxItem[]>([])
  /** The target a correction note for readers is being asked for. */
  const [asking, setAsking] = useState<PushTarget | null>(null)
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
  // When the CMS shows a push live, the story turns published: ask for it again, once per change.
  const liveCount = outbox.filter(isLive).length
  const onChangedRef = useRef(onChanged)
  useEffect(() => {
    onChangedRef.current = onChanged
  }, [onChanged])
  useEffect(() => {
    if (liveCount > 0) onChangedRef.current()
  }, [liveCount])

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
  const report = async (outcome: PushOutcome) => {
    setMessage(outcome.message)
    await refreshOutbox()
    onChangedRef.current()
  }
  const handlePush = async (target: PushTarget, correction?: string) => {
    setMessage(null)
    try {
      await report(
        await api.pushArticle(
          correction === undefined
            ? { id: article.id, target }
            : { id: article.id, target, correction },
        ),
      )
    } catch (error) {
      // A story published before goes out again only with a note for readers from the desk chief.
      if (needsCorrection(error)) setAsking(target)
      else fail(error)
    }
  }
  const handleCheckCms = async (item: OutboxItem) => {
    setMessage(null)
    try {
      await report(await api.checkPush({ id: item.id }))
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
            <li
              key={item.id}
              className={`outbox-${item.state} ${item.state === 'sent' && !isLive(item) ? 'outbox-waiting' : ''}`}
            >
              <strong>
                {TARGET_NAMES[item.target]}: {outboxStateLabel(item)}
              </strong>
              {item.state === 'sent' && item.sentAt && (
                <span className="muted small">
                  at {formatTime(item.sentAt)}
                  {item.remoteId ? ` · id ${item.remoteId}` : ''}
                  {item.remoteSlug ? ` · slug ${item.remoteSlug}` : ''}
                </span>
              )}
              {item.state === 'sent' && !isLive(item) && item.remoteStatus !== 'gone' && (
                <span className="small">
                  The story stays approved until the post is published in WordPress.
                </span>
              )}
              {item.notices.length > 0 && (
                <ul className="outbox-notices" aria-label="What the desk should know">
                  {item.notices.map((notice) => (
                    <li key={notice}>{notice}</li>
                  ))}
                </ul>
              )}
              {item.state === 'sent' && !isLive(item) && item.remoteId && (
                <button
                  type="button"
                  className="button small"
                  onClick={() => void handleCheckCms(item)}
                >
                  Check {TARGET_NAMES[item.target]} now
                </button>
              )}
              {item.state === 'failed' && (
                <>
                  <span className="small">{item.lastError}</span>
                  <span className="muted small">
                    {item.nextAttemptAt
                      ? `Next try at ${formatTime(item.nextAttemptAt)}`
                      : 'Will not retry by itself: fix the cause, then retry'}
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
      {asking && (
        <CorrectionDialog
          confirmLabel={`Push correction to ${TARGET_NAMES[asking]}`}
          onCancel={() => setAsking(null)}
          onConfirm={(note) => {
            const target = asking
            setAsking(null)
            void handlePush(target, note)
          }}
        />
      )}
    </section>
  )
}

function needsCorrection(error: unknown): boolean {
  return (
    error instanceof AppError &&
    typeof error.details === 'object' &&
    error.details !== null &&
    'needsCorrection' in error.details &&
    error.details.needsCorrection === true
  )
}

function isProblem(value: unknown): value is ExportProblem {
  return Boolean(value && typeof value === 'object' && 'path' in value && 'message' in value)
}
