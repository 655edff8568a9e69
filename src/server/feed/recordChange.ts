import type { DbQueries } from '../db/Db'

/** What a change-feed entry says happened; a workstation reads the rest from the desk. */
export type ChangeKind =
  | 'story_saved'
  | 'story_transitioned'
  | 'note_added'
  | 'lease_changed'
  | 'kept_copy_saved'
  /** An account was added, renamed, given another role, disabled or enabled, or its password reset: signed-in workstations read their session again. */
  | 'account_changed'

/**
 * The change feed's entry: the LAST statement of every writing transaction (see 001's
 * record_change). In a transaction it goes out with the COMMIT (atCommit), so the counter row it
 * locks is held through the commit only, not through one more round trip to this process: under
 * load that round trip made every save queue behind the one committing.
 */
export async function recordChange(
  q: DbQueries,
  kind: ChangeKind,
  articleId: string | null,
  revision: number | null,
  actorId: string | null,
): Promise<void> {
  const text = 'select record_change($1, $2, $3, $4)'
  const params = [kind, articleId, revision, actorId]
  if (q.atCommit) q.atCommit(text, params)
  else await q.query(text, params)
}
