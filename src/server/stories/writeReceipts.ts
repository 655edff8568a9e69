import { createHash } from 'node:crypto'
import { z } from 'zod'
import { DeskError } from '../../shared/desk/DeskError'
import type { DbQueries } from '../db/Db'

/**
 * What a client sent for a write, as a SHA-256 of its JSON with every object's keys sorted: a
 * replay of the same request gives the same fingerprint whatever order its keys came in (a body
 * node's attrs keep the client's order).
 */
export function fingerprintOf(sent: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(sortedKeys(sent)))
    .digest('hex')
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, sortedKeys(item)]),
  )
}

const SaveReceiptRow = z.object({
  account_id: z.string(),
  fingerprint: z.string(),
  revision: z.number().int().nullable(),
  kept_copy_id: z.string().nullable(),
})
export type SaveReceipt = z.infer<typeof SaveReceiptRow>

/** What the save named `saveId` did to the story, or null when the story has no save by that id. */
export async function loadSaveReceipt(
  q: DbQueries,
  articleId: string,
  saveId: string,
): Promise<SaveReceipt | null> {
  const rows = await q.query(
    `select account_id, fingerprint, revision, kept_copy_id from save_receipts
     where article_id = $1 and save_id = $2`,
    [articleId, saveId],
  )
  return rows[0] === undefined ? null : SaveReceiptRow.parse(rows[0])
}

/** Records what the save named `saveId` did: the revision it stored or the copy it was kept as. */
export async function recordSaveReceipt(
  q: DbQueries,
  receipt: {
    articleId: string
    saveId: string
    accountId: string
    fingerprint: string
    outcome: { revision: number } | { keptCopyId: string }
    at: string
  },
): Promise<void> {
  const { outcome } = receipt
  await q.query(
    `insert into save_receipts (article_id, save_id, account_id, fingerprint, revision, kept_copy_id, at)
     values ($1, $2, $3, $4, $5, $6, $7::timestamptz)`,
    [
      receipt.articleId,
      receipt.saveId,
      receipt.accountId,
      receipt.fingerprint,
      'revision' in outcome ? outcome.revision : null,
      'keptCopyId' in outcome ? outcome.keptCopyId : null,
      receipt.at,
    ],
  )
}

const TransitionReceiptRow = z.object({
  account_id: z.string(),
  fingerprint: z.string(),
  action: z.string(),
  revision: z.number().int(),
})
export type TransitionReceipt = z.infer<typeof TransitionReceiptRow>

export async function loadTransitionReceipt(
  q: DbQueries,
  articleId: string,
  transitionId: string,
): Promise<TransitionReceipt | null> {
  const rows = await q.query(
    `select account_id, fingerprint, action, revision from transition_receipts
     where article_id = $1 and transition_id = $2`,
    [articleId, transitionId],
  )
  return rows[0] === undefined ? null : TransitionReceiptRow.parse(rows[0])
}

export async function recordTransitionReceipt(
  q: DbQueries,
  receipt: {
    articleId: string
    transitionId: string
    accountId: string
    fingerprint: string
    action: string
    revision: number
    at: string
  },
): Promise<void> {
  await q.query(
    `insert into transition_receipts (article_id, transition_id, account_id, fingerprint, action, revision, at)
     values ($1, $2, $3, $4, $5, $6, $7::timestamptz)`,
    [
      receipt.articleId,
      receipt.transitionId,
      receipt.accountId,
      receipt.fingerprint,
      receipt.action,
      receipt.revision,
      receipt.at,
    ],
  )
}

/**
 * A client id sent again with a different request (or by another account): refused, never taken
 * as a replay, so a reused id cannot pass for a write the desk already has.
 */
export function reusedId(
  what: 'save' | 'transition' | 'note',
  id: string,
  did: string | null,
): DeskError {
  const field = what === 'save' ? 'saveId' : what === 'transition' ? 'transitionId' : 'noteId'
  const problem = `${field} ${id} was already used for a different ${what}${did === null ? '' : ` (${did})`}: a replay must send exactly what was sent the first time, and a new ${what} needs a new ${field}.`
  return new DeskError('INVALID_INPUT', problem, { problems: [problem] })
}
