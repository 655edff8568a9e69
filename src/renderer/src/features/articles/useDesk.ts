import { useCallback, useEffect, useRef, useState } from 'react'
import type { Article, ArticleSummary, EditableFields } from '../../../../shared/domain/Article'
import { summarize } from '../../../../shared/domain/summarize'
import type { StoreProblem } from '../../../../shared/domain/StoreProblem'
import type { TrashEntry } from '../../../../shared/domain/TrashEntry'
import { api } from '../../api'

/** The desk's lists (articles, trash, store problems) and the actions that change them. */
export function useDesk(query: string) {
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  const [trash, setTrash] = useState<TrashEntry[] | null>(null)
  const [problems, setProblems] = useState<StoreProblem[]>([])
  const [error, setError] = useState<string | null>(null)
  const [searching, setSearching] = useState(false)
  const latestRequest = useRef(0)

  const refresh = useCallback(async () => {
    latestRequest.current += 1
    const request = latestRequest.current
    // Only a slow answer is announced (the first search after a start may read every article).
    const slow = query ? setTimeout(() => setSearching(true), 300) : undefined
    try {
      const [list, trashed, found] = await Promise.all([
        api.listArticles({ query }),
        api.listTrash({}),
        api.listProblems({}),
      ])
      // A slower answer to an older filter must not overwrite a newer one.
      if (request !== latestRequest.current) return
      setArticles(list)
      setTrash(trashed)
      setProblems(found)
      setError(null)
    } catch (reason) {
      setError(messageOf(reason))
    } finally {
      clearTimeout(slow)
      if (request === latestRequest.current) setSearching(false)
    }
  }, [query])

  useEffect(() => {
    const timer = setTimeout(() => void refresh(), query ? 120 : 0)
    return () => clearTimeout(timer)
  }, [query, refresh])

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      try {
        const result = await action()
        await refresh()
        return result
      } catch (reason) {
        setError(messageOf(reason))
        return undefined
      }
    },
    [refresh],
  )

  return {
    refresh,
    articles,
    trash,
    problems,
    error,
    searching,
    create: useCallback(
      (fields?: Partial<EditableFields>) => run(() => api.createArticle(fields ? { fields } : {})),
      [run],
    ),
    reportError: useCallback((message: string) => setError(message), []),
    moveToTrash: useCallback((id: string) => run(() => api.trashArticle({ id })), [run]),
    restore: useCallback((id: string) => run(() => api.restoreArticle({ id })), [run]),
    dismissProblem: useCallback((id: string) => run(() => api.dismissProblem({ id })), [run]),
    /**
     * Updates the list entry of an article the editor just saved, without asking the store again.
     * Search results keep their order and their members: a save does not make a story match.
     */
    saved: useCallback(
      (article: Article) => {
        const entry = summarize(article)
        setArticles((list) => {
          if (!list) return list
          if (query) return list.map((a) => (a.id === article.id ? entry : a))
          return [entry, ...list.filter((a) => a.id !== article.id)]
        })
      },
      [query],
    ),
  }
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason)
}
