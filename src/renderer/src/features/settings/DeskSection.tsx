import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { ACCOUNT_ROLE_LABELS } from '../../../../shared/desk/AccountRole'
import type { DeskStatus } from '../../../../shared/desk/DeskConnection'
import { api } from '../../api'
import './settings.css'

type Props = {
  /** Joined or left: who is at this workstation changed. */
  onChanged: () => void
  /** Opened from the sync indicator ("Sign in again"): shown and focused at once. */
  focus?: boolean | undefined
}

type Joined = Extract<DeskStatus, { joined: true }>

const STATE_LABEL: Record<Joined['session']['state'], string> = {
  'signed-in': 'Signed in',
  expired: 'Sign-in expired',
  'signed-out': 'Signed out by the desk',
  unreachable: 'Desk not reachable',
  'other-desk': 'Another desk at this address',
  'no-token': 'Sign-in lost on this computer',
  failed: 'Desk answered with an error',
}

/**
 * Desk settings' "Desk server" part: join a desk (address, e-mail, password), see whether it still
 * accepts this workstation, sign in again, leave. Its fields sit inside the settings form, so
 * Enter here joins instead of saving the settings.
 */
export function DeskSection({ onChanged, focus }: Props) {
  const [status, setStatus] = useState<DeskStatus | null>(null)
  const [url, setUrl] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState<'checking' | 'joining' | 'leaving' | null>('checking')
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const section = useRef<HTMLElement>(null)
  const focused = useRef(false)
  useEffect(() => {
    if (!focus || focused.current || status === null) return
    focused.current = true
    section.current?.scrollIntoView({ block: 'start' })
    const target =
      section.current?.querySelector<HTMLElement>('input[type="password"]') ??
      section.current?.querySelector<HTMLElement>('h3')
    target?.focus()
  }, [focus, status])

  const check = async () => {
    setBusy('checking')
    try {
      setStatus(await api.deskStatus({}))
    } catch (reason) {
      setError(messageOf(reason))
    } finally {
      setBusy(null)
    }
  }
  useEffect(() => {
    let live = true
    api.deskStatus({}).then(
      (answer) => {
        if (!live) return
        setStatus(answer)
        setBusy(null)
      },
      (reason: unknown) => {
        if (!live) return
        setError(messageOf(reason))
        setBusy(null)
      },
    )
    return () => {
      live = false
    }
  }, [])

  const handleJoin = async (again?: Joined) => {
    setError(null)
    setNotice(null)
    setBusy('joining')
    try {
      const joined = await api.joinDesk({
        url: again ? again.connection.url : url,
        email: again ? again.connection.account.email : email,
        password,
      })
      setStatus(joined)
      setPassword('')
      onChanged()
    } catch (reason) {
      setError(messageOf(reason))
    } finally {
      setBusy(null)
    }
  }
  const handleLeave = async () => {
    setError(null)
    setBusy('leaving')
    try {
      const left = await api.leaveDesk({})
      setNotice(left.message)
      setStatus({ joined: false })
      onChanged()
    } catch (reason) {
      setError(messageOf(reason))
    } finally {
      setBusy(null)
    }
  }
  const handleEnter = (again?: Joined) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    void handleJoin(again)
  }
  const passwordField = (again?: Joined) => (
    <label className="stacked">
      <span>Password</span>
      <input
        className="text-input"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        onKeyDown={handleEnter(again)}
      />
    </label>
  )

  return (
    <section ref={section} className="desk-section" aria-labelledby="desk-section-title">
      <h3 className="panel-subtitle" id="desk-section-title" tabIndex={-1}>
        Desk server
      </h3>
      {status === null && busy === 'checking' && <p className="muted small">Checking…</p>}
      {status?.joined === false && (
        <>
          <p className="muted small">
            This workstation stands alone. Join your desk&rsquo;s server to work as your desk
            account; the stories on this workstation stay.
          </p>
          <div className="settings-grid">
            <label className="stacked desk-url">
              <span>Desk address</span>
              <input
                className="text-input"
                type="url"
                placeholder="https://desk.example.org"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                onKeyDown={handleEnter()}
              />
            </label>
            <label className="stacked">
              <span>E-mail</span>
              <input
                className="text-input"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                onKeyDown={handleEnter()}
              />
            </label>
            {passwordField()}
          </div>
          <div className="desk-actions">
            <button
              type="button"
              className="button"
              disabled={busy !== null || !url.trim() || !email.trim() || !password}
              onClick={() => void handleJoin()}
            >
              {busy === 'joining' ? 'Joining…' : 'Join desk'}
            </button>
          </div>
        </>
      )}
      {status?.joined === true && (
        <>
          <dl className="desk-facts" aria-label="Desk connection">
            <dt>Desk</dt>
            <dd>{status.connection.url}</dd>
            <dt>Signed in as</dt>
            <dd>
              {status.connection.account.name} &lt;{status.connection.account.email}&gt; ·{' '}
              {ACCOUNT_ROLE_LABELS[status.connection.account.role]}
            </dd>
            <dt>This device</dt>
            <dd>{status.connection.deviceName}</dd>
            <dt>Status</dt>
            <dd className={status.session.state === 'signed-in' ? 'desk-ok' : 'desk-bad'}>
              {STATE_LABEL[status.session.state]}
              {status.session.state === 'signed-in'
                ? ` · until ${status.connection.expiresAt.slice(0, 10)}`
                : `: ${status.session.message}`}
            </dd>
          </dl>
          {(status.session.state === 'expired' ||
            status.session.state === 'signed-out' ||
            status.session.state === 'no-token') && (
            <div className="settings-grid">{passwordField(status)}</div>
          )}
          <div className="desk-actions">
            {status.session.state !== 'signed-in' && status.session.state !== 'unreachable' && (
              <button
                type="button"
                className="button"
                disabled={busy !== null || !password}
                onClick={() => void handleJoin(status)}
              >
                Sign in again
              </button>
            )}
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => void check()}
            >
              {busy === 'checking' ? 'Checking…' : 'Check connection'}
            </button>
            <button
              type="button"
              className="button desk-leave"
              disabled={busy !== null}
              onClick={() => void handleLeave()}
            >
              {busy === 'leaving' ? 'Leaving…' : 'Leave desk'}
            </button>
          </div>
        </>
      )}
      {notice && (
        <p className="muted small" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason)
}
