import { useState, type FormEvent } from 'react'
import { ACCOUNT_ROLE_LABELS } from '../../../../shared/desk/AccountRole'
import { useModalDialog } from '../../useModalDialog'
import { Profile, ROLE_LABELS, Role } from '../../../../shared/domain/Profile'
import type { WorkstationProfile } from '../../../../shared/ipc/calls/profileCalls'
import './profile.css'

type Props = {
  profile: WorkstationProfile | null
  onSave: (profile: Profile) => Promise<void>
  onClose?: () => void
}

/** Who is at the workstation: asked on first start, switchable from the app bar. */
export function ProfileDialog({ profile, onSave, onClose }: Props) {
  if (profile?.desk)
    return <DeskAccountDialog profile={profile} desk={profile.desk} onClose={onClose} />
  return <LocalProfileDialog profile={profile} onSave={onSave} onClose={onClose} />
}

/** A workstation that joined a desk: the desk account is who works here, not a local profile. */
function DeskAccountDialog({
  profile,
  desk,
  onClose,
}: {
  profile: Profile
  desk: NonNullable<WorkstationProfile['desk']>
  onClose?: (() => void) | undefined
}) {
  const dialog = useModalDialog()
  return (
    <dialog
      ref={dialog}
      className="settings-dialog"
      aria-labelledby="profile-title"
      onCancel={(event) => (onClose ? onClose() : event.preventDefault())}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          onClose?.()
        }}
      >
        <h2 id="profile-title">Desk account</h2>
        <p>
          Signed in to <strong>{desk.url}</strong> as <strong>{profile.name}</strong> (
          {ACCOUNT_ROLE_LABELS[desk.accountRole]}).
        </p>
        <p className="muted small">
          Every change, submission and approval is recorded under this account ({desk.email}). To
          work under another name, leave the desk in Desk settings.
        </p>
        <footer className="dialog-foot">
          {onClose && (
            <button type="submit" className="button primary">
              Close
            </button>
          )}
        </footer>
      </form>
    </dialog>
  )
}

function LocalProfileDialog({ profile, onSave, onClose }: Props) {
  const dialog = useModalDialog()
  const [name, setName] = useState(profile?.name ?? '')
  const [role, setRole] = useState<Role>(profile?.role ?? 'writer')
  const [error, setError] = useState<string | null>(null)
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = Profile.safeParse({ name, role })
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the name.')
    try {
      await onSave(parsed.data)
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason))
    }
  }
  return (
    <dialog
      ref={dialog}
      className="settings-dialog"
      aria-labelledby="profile-title"
      onCancel={(event) => (onClose ? onClose() : event.preventDefault())}
    >
      <form onSubmit={(e) => void handleSubmit(e)}>
        <h2 id="profile-title">{profile ? 'Switch profile' : 'Who is at this workstation?'}</h2>
        <p className="muted small">
          Every change, submission and approval is recorded under this name.
        </p>
        <label className="stacked">
          <span>Your name</span>
          <input
            className="text-input"
            value={name}
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <fieldset className="role-choice">
          <legend>Role</legend>
          {Role.options.map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="role"
                value={option}
                checked={role === option}
                onChange={() => setRole(option)}
              />
              {ROLE_LABELS[option]}
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <footer className="dialog-foot">
          {onClose && (
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          )}
          <button type="submit" className="button primary">
            {profile ? 'Switch' : 'Start'}
          </button>
        </footer>
      </form>
    </dialog>
  )
}
