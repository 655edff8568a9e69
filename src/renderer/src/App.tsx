import { useCallback, useEffect, useState } from 'react'
import type { EditableFields } from '../../shared/domain/Article'
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from '../../shared/domain/DeskSettings'
import type { AppInfo } from '../../shared/ipc/contract'
import { api, onMenuCommand } from './api'
import { ArticleList } from './features/articles/ArticleList'
import { ProblemsBanner } from './features/articles/ProblemsBanner'
import { TrashList } from './features/articles/TrashList'
import { useDesk } from './features/articles/useDesk'
import { EditorScreen } from './features/editor/EditorScreen'
import { ImportReview } from './features/import/ImportReview'
import { useFileImport } from './features/import/useFileImport'
import { SettingsDialog } from './features/settings/SettingsDialog'
import { useHashRoute } from './useHashRoute'

/** The workstation: header, article list, and the open article. */
export function App() {
  const [selectedId, navigate] = useHashRoute()
  const [query, setQuery] = useState('')
  const [view, setView] = useState<'desk' | 'trash'>('desk')
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [settings, setSettings] = useState<DeskSettings>(DEFAULT_DESK_SETTINGS)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const desk = useDesk(query)
  const { create, moveToTrash, reportError } = desk
  const fileImport = useFileImport(reportError)

  useEffect(() => {
    api.appInfo({}).then(setInfo, () => undefined)
    api.getSettings({}).then(setSettings, () => undefined)
  }, [])
  useEffect(() => onMenuCommand((command) => command === 'settings' && setSettingsOpen(true)), [])

  const handleImportAccept = async (fields: EditableFields) => {
    fileImport.clear()
    const article = await create(fields)
    if (article) {
      setView('desk')
      navigate(article.id)
    }
  }

  const handleCreate = useCallback(async () => {
    const article = await create()
    if (article) {
      setView('desk')
      navigate(article.id)
    }
  }, [create, navigate])
  const handleClose = useCallback(() => navigate(null), [navigate])
  const handleTrash = useCallback(
    async (id: string) => {
      if (await moveToTrash(id)) navigate(null)
    },
    [moveToTrash, navigate],
  )

  useEffect(
    () =>
      onMenuCommand((command) => {
        if (command === 'new') void handleCreate()
      }),
    [handleCreate],
  )
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.altKey && event.key.toLowerCase() === 'n') {
        event.preventDefault()
        void handleCreate()
      }
    }
    window.addEventListener('keydown', handleKeyDown)
    return () => window.removeEventListener('keydown', handleKeyDown)
  }, [handleCreate])

  return (
    <div className="app">
      <header className="app-bar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span className="brand-name">Copydesk</span>
        </div>
        {info && (
          <div className="app-bar-info" aria-label="Workstation">
            <span>{info.user}</span>
            <span className="muted" title={info.dataDir}>
              {info.host === 'web' ? 'Browser mode' : 'Desktop'} · {info.dataDir}
            </span>
          </div>
        )}
        <div className="app-bar-actions">
          <button type="button" className="button small" onClick={fileImport.chooseFile}>
            Import…
          </button>
          <button type="button" className="button small" onClick={() => setSettingsOpen(true)}>
            Desk settings
          </button>
        </div>
      </header>
      <ProblemsBanner
        problems={desk.problems}
        dataDir={info?.dataDir ?? 'the data folder'}
        onDismiss={(id) => void desk.dismissProblem(id)}
      />
      <div className="workspace">
        <ArticleList
          view={view}
          onViewChange={setView}
          trash={
            <TrashList entries={desk.trash} onRestore={(entry) => void desk.restore(entry.id)} />
          }
          articles={desk.articles}
          query={query}
          selectedId={selectedId}
          error={desk.error}
          onQueryChange={setQuery}
          onCreate={() => void handleCreate()}
          onOpen={navigate}
        />
        <main className="main">
          {selectedId ? (
            <EditorScreen
              id={selectedId}
              settings={settings}
              onSaved={desk.saved}
              onClose={handleClose}
              onTrash={handleTrash}
            />
          ) : (
            <div className="empty-state">
              <h2>No article open</h2>
              <p>Pick a story from the list, or start a new one.</p>
              <button type="button" className="button primary" onClick={() => void handleCreate()}>
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
          onAccept={(proposal) => void handleImportAccept(proposal.fields)}
          onCancel={fileImport.clear}
        />
      )}
      {settingsOpen && (
        <SettingsDialog
          settings={settings}
          onSave={async (next) => setSettings(await api.saveSettings(next))}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </div>
  )
}
