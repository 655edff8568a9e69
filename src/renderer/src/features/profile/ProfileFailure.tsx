import './profile.css'

type Props = { message: string; onRetry: () => void }

/** The profile could not be read: says why and offers Retry, instead of asking who this is. */
export function ProfileFailure({ message, onRetry }: Props) {
  return (
    <section className="profile-failure" role="alert" aria-labelledby="profile-failure-title">
      <h2 id="profile-failure-title">Copydesk could not read who is at this workstation</h2>
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Retry
      </button>
    </section>
  )
}
