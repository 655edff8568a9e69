import { useEffect, useState } from 'react'
import type { Article } from '../../../../shared/domain/Article'
import { markPublishedBlocker } from '../../../../shared/domain/OutboxItem'
import { api } from '../../api'

/**
 * Why "Mark published" is unavailable for an approved story: its WordPress push waits as a draft
 * or for review. Main refuses it with the same reason; this shows it on the button beforehand.
 */
export function useMarkPublishedBlocker(article: Pick<Article, 'id' | 'status'>): string | null {
  const [reason, setReason] = useState<string | null>(null)
  const approved = article.status === 'approved'
  useEffect(() => {
    if (!approved) return
    let live = true
    const read = () =>
      api.listOutbox({ articleId: article.id }).then(
        (items) => live && setReason(markPublishedBlocker(items, article.id)),
        // Read again in 5 s; the host's own notice tells when it is gone.
        (error: unknown) => console.warn('Copydesk: the outbox was not read', error),
      )
    void read()
    const timer = setInterval(() => void read(), 5000)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [article.id, approved])
  return approved ? reason : null
}
