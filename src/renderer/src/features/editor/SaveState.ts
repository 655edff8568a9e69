import type { Article } from '../../../../shared/domain/Article'

/** What the save indicator shows. */
export type SaveState =
  | { kind: 'saved'; at: string }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'failed'; reason: string; retryAt: number | null }
  | { kind: 'conflict'; reason: string; current: Article }

/** Delay before the next retry after `attempt` failures: 1 s doubling to at most 30 s. */
export function retryDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1))
}
