import type { Article } from '../../shared/domain/Article'
import { EDITABLE_STATES } from '../../shared/domain/workflow'
import type { SaveStoryInput, WrittenStory } from '../../shared/desk/calls/deskStoryCalls'
import { checkBody } from '../../shared/editor-schema/validateBody'
import type { DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { writtenRevisionRow } from './insertRevision'
import { saveIdDetail } from './replaySave'
import type { SaveContext } from './saveStory'
import { documentToStore, storyView } from './storyDocument'
import { ArticleRow, LeaseRow } from './storyRows'
import { fingerprintOf } from './writeReceipts'

/**
 * A workstation's ordinary save (its story, on the current revision, with its own lease or none) as
 * ONE statement: migration 009's save_story locks the row, checks, writes and records the change, and
 * commits, in one round trip to the database instead of five. The document is built here beforehand
 * from the server-owned fields the workstation last heard of (author, created, status, its note,
 * publication, corrections); the function stores it only when those are the desk's now, so the rows
 * are exactly the ones saveStoryIn would write.
 *
 * Null, having written nothing, whenever the save is anything else: a new story, a replay, a
 * take-over, another device's lease, not editable, a stale base, an agency kill, a body or document
 * the checks refuse or that needs the stored revision to decide (a link kept from it), or fields
 * that moved. The caller then runs saveStoryIn, which answers each of those as it always has.
 */
export async function saveInOneCall(
  db: DbQueries,
  principal: Principal,
  input: SaveStoryInput,
  context: SaveContext,
): Promise<WrittenStory | null> {
  const sent = input.document
  const base = input.baseRevision ?? null
  if (base === null || sent.agencyKill !== null) return null
  let needsStoredBody = false
  const checked = checkBody(sent.body, {
    keepLink: () => {
      needsStoredBody = true
      return false
    },
  })
  if (needsStoredBody || checked.problems.length > 0) return null
  const assumed = {
    author: sent.author,
    createdAt: isoOf(sent.createdAt),
    status: sent.status,
    statusChangedAt: sent.statusChangedAt === null ? null : isoOf(sent.statusChangedAt),
    statusNote: sent.statusNote,
    publishedAt: sent.publishedAt === null ? null : isoOf(sent.publishedAt),
    corrections: sent.corrections,
  }
  const document = documentOrNull(
    { ...sent, body: checked.body },
    {
      id: sent.id,
      revision: base + 1,
      author: assumed.author,
      createdAt: assumed.createdAt,
      updatedAt: context.now,
      workflow: {
        status: assumed.status,
        statusChangedAt: assumed.statusChangedAt,
        statusNote: assumed.statusNote,
        // The approval is shown on the approved revision only, and no revision past the current one is approved.
        approval: null,
        publishedAt: assumed.publishedAt,
        corrections: assumed.corrections,
        pendingCorrection: null,
        agencyKill: null,
      },
    },
  )
  if (document === null) return null
  const named =
    input.saveId === undefined
      ? null
      : { saveId: input.saveId, fingerprint: fingerprintOf({ document: sent, baseRevision: base }) }
  const [saved] = await db.query(
    'select * from save_story($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12::jsonb)',
    [
      sent.id,
      base,
      principal.accountId,
      principal.deviceId,
      context.now,
      context.leaseExpiresAt,
      named?.saveId ?? null,
      named?.fingerprint ?? null,
      JSON.stringify(EDITABLE_STATES),
      JSON.stringify(assumed),
      JSON.stringify(document),
      JSON.stringify({ baseRevision: base, ...saveIdDetail(named) }),
    ],
  )
  if (saved === undefined) return null
  const lease =
    saved['lease_account_id'] === null
      ? null
      : LeaseRow.parse({
          account_id: saved['lease_account_id'],
          holder_name: saved['lease_holder_name'],
          device_id: saved['lease_device_id'],
          since: saved['lease_since'],
          expires_at: saved['lease_expires_at'],
        })
  return storyView(
    ArticleRow.parse(saved),
    writtenRevisionRow(document, base, principal, context.now),
    lease,
    principal.deviceId,
  )
}

/** A timestamp as the desk writes it (toISOString), so it compares and stores as the old path's. */
function isoOf(text: string): string {
  return new Date(text).toISOString()
}

/** The document to store, or null when it cannot be: saveStoryIn then refuses it in its own order. */
function documentOrNull(sent: Article, server: Parameters<typeof documentToStore>[1]) {
  try {
    return documentToStore(sent, server)
  } catch {
    return null
  }
}
