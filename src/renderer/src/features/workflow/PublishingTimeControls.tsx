import { useState } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import { deskTimeZone } from '../../../../shared/domain/deskTime'
import type { DeskSettings } from '../../../../shared/domain/DeskSettings'
import type { Profile } from '../../../../shared/domain/Profile'
import { api } from '../../api'
import { systemClock } from '../../../../shared/domain/Clock'
import { ScheduleDialog } from './ScheduleDialog'

type Props = {
  article: Pick<Article, 'id' | 'status' | 'scheduledFor' | 'embargoedUntil'>
  profile: Profile
  settings: DeskSettings
  /** The story after the change, to show it. */
  onMoved: (article: Article) => void
  onError: (message: string) => void
}

const HOUR = 3_600_000

/** A desk chief's "Approve for…" on a submitted story, and Schedule / Reschedule on an approved one. */
export function PublishingTimeControls({ article, profile, settings, onMoved, onError }: Props) {
  const [initial, setInitial] = useState<string | null>(null)
  if (profile.role !== 'desk-chief') return null
  if (article.status !== 'submitted' && article.status !== 'approved') return null
  const approving = article.status === 'submitted'
  const label = approving ? 'Approve for…' : article.scheduledFor ? 'Reschedule…' : 'Schedule…'
  const timeZone = deskTimeZone(settings.timeZone)
  // The story's time, else the next full hour: a desk chief usually moves it, rarely types it whole.
  const handleOpen = () =>
    setInitial(
      article.scheduledFor ??
        article.embargoedUntil ??
        new Date(Math.ceil((systemClock.now().getTime() + HOUR) / HOUR) * HOUR).toISOString(),
    )
  const run = async (change: () => Promise<Article>) => {
    setInitial(null)
    try {
      onMoved(await change())
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
    }
  }
  return (
    <>
      <button type="button" className="button small" onClick={handleOpen}>
        {label}
      </button>
      {initial && (
        <ScheduleDialog
          title={approving ? 'Approve for a time' : 'Publication time'}
          confirmLabel={approving ? 'Approve for this time' : 'Schedule'}
          timeZone={timeZone}
          initial={initial}
          embargo={article.embargoedUntil}
          onUnschedule={
            article.scheduledFor
              ? () => void run(() => api.scheduleArticle({ id: article.id, at: null }))
              : undefined
          }
          onConfirm={(at) =>
            void run(() =>
              approving
                ? api.transition({ id: article.id, action: 'approve', scheduleFor: at })
                : api.scheduleArticle({ id: article.id, at }),
            )
          }
          onCancel={() => setInitial(null)}
        />
      )}
    </>
  )
}
