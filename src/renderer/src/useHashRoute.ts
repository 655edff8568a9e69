import { useCallback, useEffect, useState } from 'react'

export type Route = { view: 'home' } | { view: 'queue' } | { view: 'article'; id: string }

/** The screen, kept in the address (#/article/<id>, #/queue) so a reload reopens it. */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(readRoute)
  useEffect(() => {
    const handleHashChange = () => setRoute(readRoute())
    window.addEventListener('hashchange', handleHashChange)
    return () => window.removeEventListener('hashchange', handleHashChange)
  }, [])
  const navigate = useCallback((next: Route) => {
    window.location.hash =
      next.view === 'article' ? `/article/${next.id}` : next.view === 'queue' ? '/queue' : '/'
  }, [])
  return [route, navigate]
}

function readRoute(): Route {
  const id = /^#\/article\/([0-9a-f-]{36})$/i.exec(window.location.hash)?.[1]
  if (id) return { view: 'article', id }
  return window.location.hash === '#/queue' ? { view: 'queue' } : { view: 'home' }
}
