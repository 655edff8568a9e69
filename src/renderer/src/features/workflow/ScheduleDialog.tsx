import { useState, type FormEvent } from 'react'
import { formatDeskTime, fromWallClock, wallClock } from '../../../../shared/domain/deskTime'
import { useModalDialog } from '../../useModalDialog'

type Props = {
  title: string
  confirmLabel: string
  /** The desk's IANA time zone: the time is typed and shown in it. */
  timeZone: string
  /** The time to start from (UTC ISO). */
  initial: string
  /** The story's embargo, said under the field: a schedule must be at its time. */
  embargo: string | null
  /** Offered when the story is scheduled already. */
  onUnschedule?: (() => void) | undefined
  onConfirm: (at: string) => void
  onCancel: () => void
}

/** A desk chief's time for a story to go live, typed in the desk's zone and sent as UTC. */
export function ScheduleDialog(props: Props) {
  const dialog = useModalDialog()
  const [value, setValue] = useState(wallClock(props.initial, props.timeZone))
  const at = fromWallClock(value, props.timeZone)
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (at) props.onConfirm(at)
  }
  return (
    <dialog
      ref={dialog}
      className="settings-dialog"
      aria-labelledby="schedule-title"
      onCancel={props.onCancel}
    >
      <form onSubmit={handleSubmit}>
        <h2 id="schedule-title">{props.title}</h2>
        <label className="stacked">
          <span>Publication time ({props.timeZone})</span>
          <input
            type="datetime-local"
            className="text-input"
            value={value}
            autoFocus
            required
            onChange={(e) => setValue(e.target.value)}
          />
          <small className="muted">
            {props.embargo
              ? `Embargoed until ${formatDeskTime(props.embargo, props.timeZone)}: the story can only be scheduled for that time.`
              : 'WordPress gets it now as a scheduled post; Copydesk checks it went live at the time.'}
          </small>
        </label>
        <footer className="dialog-foot">
          {props.onUnschedule && (
            <button type="button" className="button" onClick={props.onUnschedule}>
              Unschedule
            </button>
          )}
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!at}>
            {props.confirmLabel}
          </button>
        </footer>
      </form>
    </dialog>
  )
}
