import { useState } from 'react'
import type { EditingLease } from '../../../../shared/ipc/calls/leaseCalls'
import { formatTime } from '../../formatTime'
import { NoteDialog } from '../workflow/NoteDialog'
import { leaseLabel } from './leaseLabel'
import './lease.css'

type Props = {
  lease: EditingLease
  /** Takes the story over with a note for its holder (offered to desk chiefs only). */
  onTakeOver: (note: string) => Promise<void>
  now?: Date | undefined
}

/**
 * What the desk's lease means for the story open here: another person edits it (read-only, Take
 * over for a desk chief), a desk chief took it from this workstation (read-only, the unsynced text
 * kept as a version), or the desk could not be asked (editing goes on). Nothing when it is ours.
 */
export function LeaseBanner({ lease, onTakeOver, now }: Props) {
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)

  if (lease.state === 'held') {
    const handleConfirm = (note: string) => {
      setConfirming(false)
      setError(null)
      onTakeOver(note).catch((reason: unknown) =>
        setError(reason instanceof Error ? reason.message : String(reason)),
      )
    }
    return (
      <div className="lease-banner held" role="status" aria-label="Story lease">
        <p>
          <strong>{leaseLabel(lease.holder, lease.since, now)}</strong> · read-only here until{' '}
          {lease.holder} closes it.
        </p>
        {lease.canTakeOver && (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            Take over
          </button>
        )}
        {error && (
          <p className="lease-error" role="alert">
            {error}
          </p>
        )}
        {confirming && (
          <NoteDialog
            title={`Take this story over from ${lease.holder}?`}
            label={`Note for ${lease.holder}`}
            hint={`${lease.holder}'s editor turns read-only; what they have not synced is kept as a version in the story's history.`}
            required
            confirmLabel="Take over"
            onConfirm={handleConfirm}
            onCancel={() => setConfirming(false)}
          />
        )}
      </div>
    )
  }
  if (lease.state === 'taken-over')
    return (
      <div className="lease-banner taken" role="alert" aria-label="Story lease">
        <p>
          <strong>
            {lease.takenBy} took over this story at {formatTime(lease.at, now)}
          </strong>
          ; what you had not synced is kept as a version (History). Read-only here.
        </p>
        {lease.note && <p className="lease-note">“{lease.note}”</p>}
      </div>
    )
  if (lease.state === 'offline')
    return (
      <div className="lease-banner offline" role="status" aria-label="Story lease">
        <p>
          <strong>The story’s lease could not be taken</strong>: the desk cannot be reached. Keep
          writing: your changes wait in the sync queue, and a copy is kept if someone else edited
          the story meanwhile.
        </p>
      </div>
    )
  return null
}
