import { useCallback, useEffect, useState } from 'react'

/** The open article's id, kept in the address (#/article/<id>) so a reload reopens it. */
export function useHashRoute(): [string | null, (id: string | null) => void] {
  const [id, setId] = useState(readId)
  useEffect(() => {
    const handleHashChange = () => setId(readId())
    window.addEventListener('hashchange', handleHashChange)
    return () => window.removeEventListener('hashchange', handleHashChange)
  }, [])
  const navigate = useCallback((next: string | null) => {
    window.location.hash = next ? `/article/${next}` : '/'
  }, [])
  return [id, navigate]
}

function readId(): string | null {
  return /^#\/article\/([0-9a-f-]{36})$/i.exec(window.location.hash)?.[1] ?? null
}
