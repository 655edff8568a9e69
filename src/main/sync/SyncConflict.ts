/**
 * A local text the desk did not take as it was: the desk's version became the story and the local
 * one was kept as a numbered version in the story's history ("conflict-copy"), where the editor
 * can compare it, restore it (Keep mine) or leave it (Take theirs).
 */
export type SyncConflict = {
  storyId: string
  /** The history version that holds the local text. */
  copySeq: number
  /** Why: a stale base, an id the desk already had, a lease taken over, or a refusal. */
  reason: 'stale' | 'exists' | 'lease_taken_over' | 'refused'
  theirs: { revision: number; savedBy: string; savedAt: string } | null
  message: string
}
