import { useCallback, useEffect, useRef, useState } from 'react'
import type { Article, ArticleSummary } from '../../shared/domain/Article'
import { summarize } from '../../shared/domain/summarize'
import type { AppInfo, StoreProblem } from '../../shared/ipc/contract'
import { api, onMenuCommand } from './api'
import { ArticleList } from './features/articles/ArticleList'
import { ProblemsBanner } from './features/articles/ProblemsBanner'
import { EditorScreen } from './features/editor/EditorScreen'
import { useHashRoute } from './useHashRoute'

/** The workstation: header, article list, and the open article. */
export function App() {
  const [selectedId, navigate] = useHashRoute()
  const [query, setQuery] = useState('')
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  const [listError, setListError] = useState<string | null>(null)
  const [problems, setProblems] = useState<StoreProblem[]>([])
  const [info, setInfo] = useState<AppInfo | null>(null)
  const latestRequest = useRef(0)

  const refresh = useCallback(async () => {
    latestRequest.current += 1
    const request = latestRequest.current
    try {
      const [list, found] = await Promise.all([api.listArticles({ query }), api.listProblems({})])
      // A slower answer to an older filter must not overwrite a newer one.
      if (request !== latestRequest.current) return
      setArticles(list)
      setProblems(found)
      setListError(null)
    } catch (error) {
      setListError(error instanceof Error ? error.message : String(error))
    }
  }, [query])

  useEffect(() => {
    api.appInfo({}).then(setInfo, (error: unknown) => setListError(String(error)))
  }, [])
  useEffect(() => {
    const timer = setTimeout(() => void refresh(), query ? 120 : 0)
    return () => clearTimeout(timer)
  }, [query, refresh])

  const handleCreate = useCallback(async () => {
    try {
      const article = await api.createArticle({})
      await refresh()
      navigate(article.id)
    } catch (error) {
      setListError(error instanceof Error ? error.message : String(error))
    }
  }, [navigate, refresh])

  const handleSaved = useCallback((saved: Article) => {
    setArticles((list) => list && [summarize(saved), ...list.filter((a) => a.id !== saved.id)])
  }, [])
  const handleClose = useCallback(() => navigate(null), [navigate])

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

  const handleDismiss = async (id: string) => {
    await api.dismissProblem({ id })
    await refresh()
  }

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
      </header>
      <ProblemsBanner
        problems={problems}
        dataDir={info?.dataDir ?? 'the data folder'}
        onDismiss={(id) => void handleDismiss(id)}
      />
      <div className="workspace">
        <ArticleList
          articles={articles}
          query={query}
          selectedId={selectedId}
          error={listError}
          onQueryChange={setQuery}
          onCreate={() => void handleCreate()}
          onOpen={navigate}
        />
        <main className="main">
          {selectedId ? (
            <EditorScreen id={selectedId} onSaved={handleSaved} onClose={handleClose} />
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
    </div>
  )
}
