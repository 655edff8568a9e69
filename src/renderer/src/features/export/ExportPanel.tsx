import { useCallback, useEffect, useRef, useState } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import { systemClock } from '../../../../shared/domain/Clock'
import {
  isLive,
  type OutboxItem,
  type PushOutcome,
  type PushTarget,
} from '../../../../shared/domain/OutboxItem'
import type { Profile } from '../../../../shared/domain/Profile'
import { isFinal } from '../../../../shared/export/toPublishJson'
import { detailsOf } from '../../../../shared/ipc/createClient'
import type { ExportProblem } from '../../../../shared/domain/ExportedFile'
import { api } from '../../api'
import { ExportDestinationFields, useExportDestination } from './ExportDestination'
import { CarriedLines } from './CarriedLines'
import { ExportProblemList } from './ExportProblemList'
import { OutboxList, TARGET_NAMES } from './OutboxList'
import { PendingCorrection } from './PendingCorrection'
import { CorrectionDialog } from '../workflow/CorrectionDialog'
import './export.css'

type Props = {
  article: Pick<Article, 'id' | 'status' | 'publishedAt' | 'pendingCorrection'>
  profile: Profile
  onGoToField: (field: string) => void
  onChanged: () => void
}

/** The panel's last line by story, kept across the reloads a push or an export causes. */
const carried = new CarriedLines(systemClock)

/** What the correction note for readers is being asked for: a push, or an export to the folder. */
type Asking = { push: PushTarget } | { export: true } | null

/** Export to a folder, check against the schemas, and push to the CMS with the outbox's state. */
export function ExportPanel({ article, profile, onGoToField, onChanged }: Props) {
  const destination = useExportDestination()
  const { dir, format } = destination
  const [problems, setProblems] = useState<ExportProblem[] | null>(null)
  const [message, setShown] = useState<string | null>(() => carried.read(article.id))
  const setMessage = (text: string | null) => {
    setShown(text)
    carried.keep(article.id, text)
  }
  const [outbox, setOutbox] = useState<OutboxItem[]>([])
  const [asking, setAsking] = useState<Asking>(null)
  const final = isFinal(article.status)
  const chief = profile.role === 'desk-chief'

  const refreshOutbox = useCallback(
    () =>
      api
        .listOutbox({ articleId: article.id })
        .then(setOutbox, (error: unknown) =>
          console.warn('Copydesk: the outbox was not read', error),
        ),
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
    const refused =
      detailsOf(error, 'exportArticles', 'REFUSED') ?? detailsOf(error, 'pushArticle', 'REFUSED')
    if (refused && 'problems' in refused) setProblems(refused.problems)
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
  const handleExport = async (correction?: string) => {
    setMessage(null)
    setProblems(null)
    destination.remember()
    try {
      const [file] = await api.exportArticles({
        ids: [article.id],
        format,
        dir,
        ...(correction === undefined ? {} : { correction }),
      })
      setMessage(
        file
          ? `${file.final ? 'Exported' : 'Exported as a preview (not approved)'}: ${file.file}`
          : 'Nothing was exported.',
      )
      if (correction !== undefined) onChangedRef.current()
    } catch (error) {
      // A story published before leaves again only with a note for readers from the desk chief.
      if (needsCorrection(error) && chief) setAsking({ export: true })
      else fail(error)
    }
  }
  /** Shows the outcome in one line, and the outbox and story as they are now. */
  const report = async (line: string) => {
    setMessage(line)
    await refreshOutbox()
    onChangedRef.current()
  }
  const handlePush = async (target: PushTarget, correction?: string) => {
    setMessage(null)
    try {
      const outcome = await api.pushArticle(
        correction === undefined
          ? { id: article.id, target }
          : { id: article.id, target, correction },
      )
      await report(summary(outcome, TARGET_NAMES[target]))
    } catch (error) {
      if (needsCorrection(error)) setAsking({ push: target })
      else fail(error)
    }
  }
  const handleCheckCms = async (item: OutboxItem) => {
    setMessage(null)
    try {
      await api.checkPush({ id: item.id })
      await report(`Checked ${TARGET_NAMES[item.target]}: the outbox below shows what it says.`)
    } catch (error) {
      fail(error)
    }
  }
  const handleRetry = async (item: OutboxItem) => {
    // The old outcome no longer says where the push stands: the outbox below does.
    setMessage(null)
    try {
      await api.retryPush({ id: item.id })
      await refreshOutbox()
      onChangedRef.current()
    } catch (error) {
      fail(error)
    }
  }
  const handleNoteSaved = () => {
    setMessage('Correction note saved: it goes with the next push or export.')
    onChangedRef.current()
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
      {article.pendingCorrection && (
        <PendingCorrection
          articleId={article.id}
          note={article.pendingCorrection}
          editable={chief && article.status === 'approved'}
          onSaved={handleNoteSaved}
          onError={fail}
        />
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
      {/* Always in the page, so the result is read out when it arrives. */}
      <p className="export-message live-region" role="status">
        {message}
      </p>
      {problems && <ExportProblemList problems={problems} onGoToField={onGoToField} />}
      {chief && final && (
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
      <OutboxList
        items={outbox}
        onCheck={(item) => void handleCheckCms(item)}
        onRetry={(item) => void handleRetry(item)}
      />
      {asking && (
        <CorrectionDialog
          confirmLabel={
            'push' in asking
              ? `Push correction to ${TARGET_NAMES[asking.push]}`
              : 'Export with this correction'
          }
          onCancel={() => setAsking(null)}
          onConfirm={(note) => {
            setAsking(null)
            if ('push' in asking) void handlePush(asking.push, note)
            else void handleExport(note)
          }}
        />
      )}
    </section>
  )
}

/**
 * The outcome in a line that does not repeat the outbox item below it: where it went, or that
 * nothing was sent and why.
 */
function summary(outcome: PushOutcome, cms: string): string {
  if (outcome.sent) return `Pushed to ${cms}: the outbox below shows where it stands.`
  if (outcome.item.state === 'failed') return `Not sent to ${cms}: the outbox below says why.`
  if (outcome.item.state === 'sent') return outcome.message
  return `Queued for ${cms}.`
}

function needsCorrection(error: unknown): boolean {
  const refused =
    detailsOf(error, 'exportArticles', 'REFUSED') ?? detailsOf(error, 'pushArticle', 'REFUSED')
  return refused !== undefined && 'needsCorrection' in refused
}
