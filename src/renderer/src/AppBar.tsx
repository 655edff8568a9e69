import { ROLE_LABELS, type Profile } from '../../shared/domain/Profile'
import type { AppInfo } from '../../shared/ipc/contract'
import { readOnlyHint, useReadOnlyReason } from './useReadOnlyReason'
import './appBar.css'
import type { ReactNode } from 'react'
import { region } from './a11y/useRegionCycling'

type Props = {
  info: AppInfo | null
  profile: Profile | null
  queueOpen: boolean
  onQueue: () => void
  onImport: () => void
  onSettings: () => void
  onProfile: () => void
  /** The article list's drawer button (shown in a narrow window only). */
  drawerToggle?: ReactNode
  /** The connection to the desk (an empty live region on a standalone workstation). */
  syncIndicator?: ReactNode
  /** The writer's inbox button, while joined to a desk. */
  inbox?: ReactNode
}

/** Brand, who is at the workstation, where the data lives, and the app-wide actions. */
export function AppBar({
  info,
  profile,
  queueOpen,
  onQueue,
  onImport,
  onSettings,
  onProfile,
  drawerToggle,
  syncIndicator,
  inbox,
}: Props) {
  const readOnly = useReadOnlyReason()
  return (
    <header className="app-bar" {...region('top-bar')}>
      {drawerToggle}
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          C
        </span>
        <span className="brand-name">Copydesk</span>
      </div>
      <nav className="app-bar-nav" aria-label="Screens">
        <button type="button" className="button small" aria-pressed={queueOpen} onClick={onQueue}>
          Desk queue
        </button>
      </nav>
      {syncIndicator}
      {info && (
        <div className="app-bar-info">
          <span className="muted" title={info.dataDir}>
            {info.host === 'web' ? 'Browser mode' : 'Desktop'} · {info.dataDir}
          </span>
        </div>
      )}
      <div className="app-bar-actions">
        {inbox}
        {profile && (
          <button
            type="button"
            className="button small profile-button"
            onClick={onProfile}
            // What is seen, then what pressing does (WCAG 2.5.3).
            aria-label={`${profile.name} · ${ROLE_LABELS[profile.role]}, switch profile`}
          >
            {/* The initial is drawn by CSS: as text it would count as seen words the name lacks. */}
            <span
              className="avatar"
              aria-hidden="true"
              data-initial={profile.name.charAt(0).toUpperCase()}
            />
            {profile.name} · {ROLE_LABELS[profile.role]}
          </button>
        )}
        <button
          type="button"
          className="button small"
          disabled={readOnly !== null}
          title={readOnly ? readOnlyHint(readOnly) : undefined}
          onClick={onImport}
        >
          Import…
        </button>
        <button type="button" className="button small" onClick={onSettings}>
          Desk settings
        </button>
      </div>
    </header>
  )
}
