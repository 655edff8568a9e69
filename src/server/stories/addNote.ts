import { recordChange } from '../feed/recordChange'
import { z } from 'zod'
import type { AddedNote, AddNoteInput } from '../../shared/desk/calls/deskStoryCalls'
import type { DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { storyNotFound } from './storyErrors'
import { findNote } from './storyLists'
import { appendAudit, loadArticle, person } from './storyRows'
import { reusedId } from './writeReceipts'

/**
 * A note on the story, kept with the revision it was written on (the current one by default). A
 * `noteId` from the client becomes the note's id: sent again, the note already stored is answered
 * (`replayed`) and nothing is added; the id of any other note is refused.
 */
export async function addNoteIn(
  tx: DbQueries,
  principal: Principal,
  input: AddNoteInput,
  now: string,
): Promise<AddedNote> {
  const row = await loadArticle(tx, input.id)
  if (row === null) throw storyNotFound(input.id)
  const revision = input.revision ?? row.current_revision
  if (revision > row.current_revision) throw storyNotFound(input.id, revision)
  // A replay racing its first attempt waits here for that one's commit, then inserts nothing.
  const rows = await tx.query(
    `insert into notes (id, article_id, revision, author_id, body, created_at)
     values (coalesce($6::uuid, gen_random_uuid()), $1, $2, $3, $4, $5::timestamptz)
     on conflict (id) do nothing returning id`,
    [input.id, revision, principal.accountId, input.body, now, input.noteId ?? null],
  )
  if (rows[0] === undefined) return replayNote(tx, principal, input)
  const noteId = z.object({ id: z.string() }).parse(rows[0]).id
  await appendAudit(tx, {
    at: now,
    actorId: principal.accountId,
    action: 'note_added',
    articleId: input.id,
    revision,
    detail: { noteId },
  })
  await recordChange(tx, 'note_added', input.id, revision, principal.accountId)
  return {
    id: noteId,
    articleId: input.id,
    revision,
    author: person(principal.accountId, principal.name),
    body: input.body,
    createdAt: now,
  }
}

async function replayNote(
  tx: DbQueries,
  principal: Principal,
  input: AddNoteInput,
): Promise<AddedNote> {
  const noteId = input.noteId
  if (noteId === undefined) throw new Error('a note without a client id collided with another')
  const stored = await findNote(tx, noteId)
  if (stored === null) throw new Error(`note ${noteId} conflicted on insert but is not stored`)
  const same =
    stored.articleId === input.id &&
    stored.author.accountId === principal.accountId &&
    stored.body === input.body &&
    (input.revision === undefined || stored.revision === input.revision)
  // Whose note it was, and on which story, is not told: the id may have been guessed.
  if (!same) throw reusedId('note', noteId, null)
  return { ...stored, replayed: true }
}
