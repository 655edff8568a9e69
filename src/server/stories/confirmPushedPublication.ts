import { recordChange } from '../feed/recordChange'
import { z } from 'zod'
import { decideTransition } from '../../shared/domain/workflow'
import type { StoryRefusedDetails } from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { DbQueries } from '../db/Db'
import { storyNotFound } from './storyErrors'
import { appendAudit, loadArticle } from './storyRows'

/** What the outbox knows when a CMS says the pushed revision is live for readers. */
export type PushedPublication = {
  id: string
  /** The revision the push carried: it must still be the story's approved one. */
  revision: number
  /** The account that pushed it, named in the audit trail whatever its role or state is now. */
  pushedBy: string
  /** The note for readers the push carried (a story published before goes out again only with one). */
  correction: string | null
  /** The CMS's answer, kept in the audit entry. */
  cms: Record<string, string | number | null>
}

/**
 * Marks the story published (or corrected) because the CMS has the pushed revision live, inside one
 * transaction holding the story's row lock. The check is on the story (approved, on the revision that
 * was pushed), not on a caller's role: the push was a desk chief's when it was made, and a pusher
 * disabled or demoted since does not keep readers' story unpublished on the desk. The shared workflow
 * table still decides the next state and the note rule.
 */
export async function confirmPushedPublicationIn(
  tx: DbQueries,
  input: PushedPublication,
  now: string,
): Promise<void> {
  const row = await loadArticle(tx, input.id, true)
  if (row === null) throw storyNotFound(input.id)
  const refuse = (message: string): DeskError => {
    const details: StoryRefusedDetails = { reason: 'workflow', status: row.status }
    return new DeskError('REFUSED', message, details)
  }
  if (row.status !== 'approved' || row.approved_revision !== input.revision)
    throw refuse(
      `The story is no longer approved on revision ${input.revision}, the one that went out; it stays as it is.`,
    )
  const action = row.published_at === null ? 'publish' : 'publish_correction'
  const note = input.correction?.trim() ?? ''
  const decision = decideTransition({
    role: 'desk-chief',
    user: input.pushedBy,
    author: row.created_by,
    status: row.status,
    action,
    note,
    checksPass: true,
    fourEyes: false,
    wasPublished: row.published_at !== null,
  })
  if (!decision.ok) throw refuse(decision.reason)
  const pusher = z
    .object({ name: z.string() })
    .parse((await tx.query('select name from accounts where id = $1', [input.pushedBy]))[0])
  const corrections =
    action === 'publish_correction'
      ? [...row.corrections, { by: pusher.name, at: now, note }]
      : row.corrections
  await tx.query(
    `update articles set status = $2, status_changed_at = $3::timestamptz, updated_at = $3::timestamptz,
       status_note = $4::jsonb, published_at = $3::timestamptz, published_revision = $5,
       corrections = $6::jsonb
     where id = $1`,
    [
      input.id,
      decision.to,
      now,
      note ? JSON.stringify({ by: pusher.name, at: now, text: note }) : null,
      input.revision,
      JSON.stringify(corrections),
    ],
  )
  await appendAudit(tx, {
    at: now,
    actorId: input.pushedBy,
    action: `transition:${action}`,
    articleId: input.id,
    revision: input.revision,
    detail: {
      from: row.status,
      to: decision.to,
      ...(note ? { note } : {}),
      publishedRevision: input.revision,
      confirmedBy: 'outbox',
      cms: input.cms,
    },
  })
  await recordChange(tx, 'story_transitioned', input.id, input.revision, input.pushedBy)
}
