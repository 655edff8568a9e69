import { useEffect, useId, useRef, useState } from 'react'
import {
  describeClockSkew,
  describeSyncStatus,
  type SyncStatus,
} from '../../../../shared/domain/SyncStatus'
import { formatTime } from '../../formatTime'
import { SyncIcon } from './SyncIcon'
import { syncLook } from './syncLook'
import './sync.css'

type Props = {
  /** Null on a standalone workstation: nothing is shown. */
  status: SyncStatus | null
  /** Opens Settings at the desk server, where the device signs in again. */
  onSignIn: () => void
  onDismissRefusal: () => void
}

/**
 * The connection to the desk, always in the app bar while joined: icon, colour and words for every
 * state, the words said politely to screen readers when they change. The state opens its details
 * (why it is offline, what waits); a sign-in that expired and a refusal offer what to do at once.
 */
export function SyncIndicator({ status, onSignIn, onDismissRefusal }: Props) {
  const [open, setOpen] = useState(false)
  const detailsId = useId()
  const button = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (!open) return
    const handleKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      button.current?.focus()
    }
    window.addEventListener('keydown', handleKey)
    return () => window.removeEventListener('keydown', handleKey)
  }, [open])

  const look = status ? syncLook(status) : null
  const words = status ? describeSyncStatus(status, (iso) => formatTime(iso)) : ''
  const refused = status?.connection === 'online' ? status.refused : null
  return (
    <div className={`sync-indicator ${look ? `sync-${look.tone}` : 'sync-standalone'}`}>
      {/* In the page from the start, empty while standalone: screen readers ignore a live region
          that appears together with its words. */}
      <div role="status" aria-live="polite" aria-label="Sync with the desk" className="sync-live">
        {look && (
          <button
            ref={button}
            type="button"
            className="sync-state"
            aria-expanded={open}
            aria-controls={detailsId}
            title={words}
            onClick={() => setOpen((was) => !was)}
          >
            <SyncIcon kind={look.icon} />
            <span className="sync-words">{words}</span>
          </button>
        )}
      </div>
      {status?.connection === 'signed-out' && (
        <button type="button" className="button small" onClick={onSignIn}>
          Sign in again…
        </button>
      )}
      {refused && (
        <button
          type="button"
          className="button small"
          aria-label="Dismiss the desk's refusal"
          onClick={onDismissRefusal}
        >
          Dismiss
        </button>
      )}
      {open && status && (
        <section id={detailsId} className="sync-details" aria-label="Sync details">
          <p className="sync-details-head">{words}</p>
          <SyncDetails status={status} />
        </section>
      )}
    </div>
  )
}

function SyncDetails({ status }: { status: SyncStatus }) {
  const waiting = status.pending
  return (
    <ul className="sync-details-list">
      {status.reason && status.connection !== 'online' && <li>Why: {status.reason}</li>}
      {status.refused && (
        <li>
          Refused at {formatTime(status.refused.at)}: {status.refused.reason} Your text is kept as a
          version in the story’s History.
        </li>
      )}
      {(status.leaseWaits ?? []).map((wait) => (
        <li key={wait.storyId}>
          “{wait.headline.trim() || 'Untitled story'}”:{' '}
          {wait.yourAccount ? 'open on another of your devices' : `${wait.holder} is editing it`}{' '}
          (until {formatTime(wait.until)} unless renewed). Your change is kept here and goes in as
          soon as the story is free.
        </li>
      ))}
      <li>
        {waiting === 0
          ? 'Every change made here has reached the desk.'
          : `${waiting} change${waiting === 1 ? '' : 's'} made here ${waiting === 1 ? 'is' : 'are'} kept on this workstation until the desk takes ${waiting === 1 ? 'it' : 'them'}.`}
      </li>
      {!status.firstSync.finished && (
        <li>
          First download: {status.firstSync.done}
          {status.firstSync.total === null ? '' : ` of ${status.firstSync.total}`} stories. It
          carries on where it stopped if Copydesk is closed.
        </li>
      )}
      {status.queueDamaged && (
        <li>
          The sync queue’s file was damaged and set aside; the stories here were queued again, so
          nothing is lost (see the store’s problems).
        </li>
      )}
      {status.diskFull && (
        <li>
          The disk is full: saves are refused (and said so) until there is room. What is typed stays
          in the editor; free some space and it is saved.
        </li>
      )}
      {describeClockSkew(status.clockSkewMs) && (
        <li>
          {describeClockSkew(status.clockSkewMs)}. The desk orders changes by its own revisions, so
          nothing is lost; times shown here may look off until the clock is set right.
        </li>
      )}
      {status.connection === 'signed-out' && (
        <li>Sync has stopped: sign in again under Desk settings › Desk server. Nothing is lost.</li>
      )}
    </ul>
  )
}
