import { deskTimeZone } from '../../shared/domain/deskTime'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { EditableFields } from '../../shared/domain/Article'
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from '../../shared/domain/DeskSettings'
import type { AppInfo } from '../../shared/ipc/contract'
import { api, onMenuCommand } from './api'
import { LiveAnnouncer } from './a11y/LiveAnnouncer'
import { ShortcutsDialog } from './a11y/ShortcutsDialog'
import { SkipLink } from './a11y/SkipLink'
import { useShortcutsKey } from './a11y/useShortcutsKey'
import { requestFocus } from './a11y/pendingFocus'
import './a11y/liveRegion.css'
import { AppBar } from './AppBar'
import { ArticleList } from './features/articles/ArticleList'
import { ProblemsBanner } from './features/articles/ProblemsBanner'
import { AppProblemsNotice } from './features/problems/AppProblemsNotice'
import { ReadOnlyBanner } from './features/articles/ReadOnlyBanner'
import { TrashList } from './features/articles/TrashList'
import { useDesk } from './features/articles/useDesk'
import { EditorScreen } from './features/editor/EditorScreen'
import { ImportReview } from './features/import/ImportReview'
import { useFileImport } from './features/import/useFileImport'
import { ProfileDialog } from './features/profile/ProfileDialog'
import { ProfileFailure } from './features/profile/ProfileFailure'
import { useProfile } from './features/profile/useProfile'
import { QueueScreen } from './features/queue/QueueScreen'
import { SettingsDialog } from './features/settings/SettingsDialog'
import { useHashRoute } from './useHashRoute'
import { useNewArticleShortcut } from './useNewArticleShortcut'
import { readOnlyHint, ReadOnlyReason } from './useReadOnlyReason'
import './app.css'
import { Drawer } from './a11y/Drawer'
import { DrawerToggle } from './a11y/DrawerToggle'
import { useDrawer } from './a11y/useDrawer'
import { region, useRegionCycling } from './a11y/useRegionCycling'
import { apiSyncCalls } from './features/sync/apiSyncCalls'
import { InboxButton } from './features/sync/InboxButton'
import { SyncContext } from './features/sync/SyncContext'
import { SyncIndicator } from './features/sync/SyncIndicator'
import { useSyncState } from './features/sync/useSyncState'

/** The workstation: app bar, article list, and the open article or the desk queue. */
export function App() {
  const [route, navigate] = useHashRoute()
  const [query, setQuery] = useState('')
  const [view, setView] = useState<'desk' | 'trash'>('desk')
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [settings, setSettings] = useState<DeskSettings>(DEFAULT_DESK_SETTINGS)
  const { profile, failure: profileFailure, setProfile, retry: retryProfile } = useProfile()
  const [dialog, setDialog] = useState<'settings' | 'profile' | null>(null)
  const desk = useDesk(query)
  const { create, moveToTrash, reportError } = desk
  const sync = useSyncState(apiSyncCalls)
  const joined = sync.snapshot?.joined === true
  const storiesVersion = sync.snapshot?.storiesVersion
  const [focusDesk, setFocusDesk] = useState(false)
  useListsFollowDesk(storiesVersion, desk.refresh)
  const fileImport = useFileImport(reportError)
  const listDrawer = useDrawer('articles')

  useEffect(() => {
    api.appInfo({}).then(setInfo, () => undefined)
    api.getSettings({}).then(setSettings, () => undefined)
  }, [])
  useEffect(() => onMenuCommand((command) => command === 'settings' && setDialog('settings')), [])

  const open = useCallback((id: string) => navigate({ view: 'article', id }), [navigate])
  const handleCreate = useCallback(
    async (fields?: Partial<EditableFields>) => {
      const article = await create(fields)
      if (!article) return
      setView('desk')
      requestFocus({ target: 'headline' })
      open(article.id)
    },
    [create, open],
  )
  // A story opened from a list: focus goes to its status, which is announced with its headline.
  const openFromList = useCallback(
    (id: string) => {
      if (route.view !== 'article' || route.id !== id) requestFocus({ target: 'status' })
      open(id)
    },
    [route, open],
  )
  const handleClose = useCallback(() => navigate({ view: 'home' }), [navigate])
  const handleTrash = useCallback(
    async (id: string) => {
      if (await moveToTrash(id)) navigate({ view: 'home' })
    },
    [moveToTrash, navigate],
  )
  useNewArticleShortcut(handleCreate)
  const [shortcutsOpen, setShortcutsOpen] = useState(false)
  useShortcutsKey(useCallback(() => setShortcutsOpen(true), []))
  useRegionCycling()

  const readOnly = info?.readOnly?.reason ?? null
  const page = (
    <div className="app">
      <SkipLink />
      <AppBar
        info={info}
        profile={profile ?? null}
        queueOpen={route.view === 'queue'}
        onQueue={() => navigate(route.view === 'queue' ? { view: 'home' } : { view: 'queue' })}
        onImport={fileImport.chooseFile}
        onSettings={() => setDialog('settings')}
        onProfile={() => setDialog('profile')}
        drawerToggle={<DrawerToggle drawer={listDrawer} />}
        syncIndicator={
          <SyncIndicator
            status={joined ? (sync.snapshot?.status ?? null) : null}
            onSignIn={() => {
              setFocusDesk(true)
              setDialog('settings')
            }}
            onDismissRefusal={() =>
              void sync.dismissRefusal().catch((error: unknown) => reportError(messageOf(error)))
            }
          />
        }
        inbox={
          joined && (
            <InboxButton
              items={sync.snapshot?.inbox ?? []}
              // The editor marks the story's items read once it shows them in its banner.
              onOpen={(item) => openFromList(item.storyId)}
              onMarkAllRead={(ids) =>
                void sync
                  .markInboxRead(ids)
                  .catch((error: unknown) => reportError(messageOf(error)))
              }
            />
          )
        }
      />
      <LiveAnnouncer />
      <ReadOnlyBanner info={info} />
      {profileFailure && <ProfileFailure message={profileFailure} onRetry={retryProfile} />}
      <AppProblemsNotice />
      <ProblemsBanner
        problems={desk.problems}
        dataDir={info?.dataDir ?? 'the data folder'}
        onDismiss={(id) => void desk.dismissProblem(id)}
      />
      <div className="workspace">
        <Drawer drawer={listDrawer} side="start">
          <ArticleList
            timeZone={deskTimeZone(settings.timeZone)}
            view={view}
            onViewChange={setView}
            trash={
              <TrashList entries={desk.trash} onRestore={(entry) => void desk.restore(entry.id)} />
            }
            articles={desk.articles}
            query={query}
            selectedId={route.view === 'article' ? route.id : null}
            error={desk.error}
            searching={desk.searching}
            onQueryChange={setQuery}
            onCreate={() => void handleCreate()}
            onOpen={openFromList}
          />
        </Drawer>
        <main id="main-content" tabIndex={-1} className="main" {...region('main')}>
          {route.view === 'article' && profile ? (
            <EditorScreen
              id={route.id}
              settings={settings}
              profile={profile}
              onSaved={desk.saved}
              onChanged={desk.refresh}
              onClose={handleClose}
              onTrash={handleTrash}
            />
          ) : route.view === 'queue' ? (
            <QueueScreen
              timeZone={deskTimeZone(settings.timeZone)}
              onOpen={openFromList}
              refreshKey={desk.articles?.length ?? 0}
              syncVersion={storiesVersion}
            />
          ) : (
            <div className="empty-state">
              <h1>No article open</h1>
              <p>Pick a story from the list, or start a new one.</p>
              <button
                type="button"
                className="button primary"
                disabled={readOnly !== null}
                title={readOnly ? readOnlyHint(readOnly) : undefined}
                onClick={() => void handleCreate()}
              >
                New article
              </button>
            </div>
          )}
        </main>
      </div>
      {fileImport.pending && (
        <ImportReview
          proposal={fileImport.pending.proposal}
          source={fileImport.pending.source}
          acceptLabel="Create article"
          onAccept={async (proposal) => {
            // The review stays open until the article exists: a refused create loses nothing.
            const article = await create(proposal.fields)
            if (!article) return false
            fileImport.clear()
            setView('desk')
            requestFocus({ target: 'headline' })
            open(article.id)
            return true
          }}
          onCancel={fileImport.clear}
          onOpenArticle={(id) => {
            fileImport.clear()
            open(id)
          }}
        />
      )}
      {dialog === 'settings' && (
        <SettingsDialog
          settings={settings}
          onSave={async (next) => {
            const saved = await api.saveSettings(next)
            setSettings(saved.settings)
            return saved
          }}
          onClose={() => {
            setDialog(null)
            setFocusDesk(false)
          }}
          focusDesk={focusDesk}
          onDeskChanged={() => {
            retryProfile()
            void api
              .appInfo({})
              .then(setInfo, (error: unknown) => console.warn('Copydesk: app info not read', error))
          }}
        />
      )}
      {shortcutsOpen && <ShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
      {(profile === null || dialog === 'profile') && (
        <ProfileDialog
          profile={profile ?? null}
          onSave={async (next) => {
            setProfile(await api.setProfile(next))
            setDialog(null)
            void api
              .appInfo({})
              .then(setInfo, (error: unknown) => console.warn('Copydesk: app info not read', error))
          }}
          onClose={profile ? () => setDialog(null) : undefined}
        />
      )}
    </div>
  )
  return (
    <ReadOnlyReason.Provider value={readOnly}>
      <SyncContext.Provider value={sync}>{page}</SyncContext.Provider>
    </ReadOnlyReason.Provider>
  )
}

/** The article list follows the desk: asked again when the desk changed stories in the local store. */
function useListsFollowDesk(storiesVersion: number | undefined, refresh: () => Promise<void>) {
  const seen = useRef(storiesVersion)
  useEffect(() => {
    const before = seen.current
    seen.current = storiesVersion
    if (before !== undefined && storiesVersion !== undefined && before !== storiesVersion)
      void refresh()
  }, [storiesVersion, refresh])
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason)
}
