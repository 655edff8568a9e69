import { Article, ARTICLE_SCHEMA_VERSION } from '../../shared/domain/Article'
import type { CurrentVersion, StoryLease, StoryView } from '../../shared/desk/calls/deskStoryCalls'
import type { ArticleRow, LeaseRow, RevisionRow } from './storyRows'
import { person } from './storyRows'

/**
 * The fields of an article the desk server owns: whatever a workstation sends for them is replaced
 * by these. The approval is shown only on the revision it was given to: it never rides along.
 */
export function serverWorkflowFields(row: ArticleRow, revision: number) {
  return {
    status: row.status,
    statusChangedAt: row.status_changed_at?.toISOString() ?? null,
    statusNote: row.status_note,
    approval:
      row.approved_revision === revision && row.approved_by_name !== null && row.approved_at
        ? { by: row.approved_by_name, at: row.approved_at.toISOString() }
        : null,
    publishedAt: row.published_at?.toISOString() ?? null,
    corrections: row.corrections,
    pendingCorrection: null,
    agencyKill: row.agency_kill,
  }
}

/**
 * The document stored as revision `revision`: the workstation's content (every editable field and
 * the slug) with the server's own values for identity, authorship, times and the workflow.
 */
export function documentToStore(
  sent: Article,
  server: {
    id: string
    revision: number
    author: string
    createdAt: string
    updatedAt: string
    workflow: ReturnType<typeof serverWorkflowFields>
  },
): Article {
  const document = Article.parse({
    ...sent,
    ...server.workflow,
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id: server.id,
    revision: server.revision,
    author: server.author,
    createdAt: server.createdAt,
    updatedAt: server.updatedAt,
  })
  VALIDATED.add(document)
  return document
}

/** Documents this process built with documentToStore: already parsed, no need to walk them again. */
const VALIDATED = new WeakSet<object>()

function isValidated(raw: unknown): raw is Article {
  return typeof raw === 'object' && raw !== null && VALIDATED.has(raw)
}

/** A revision's document exactly as it was stored. */
export function storedDocument(raw: unknown): Article {
  return isValidated(raw) ? raw : Article.parse(raw)
}

/** A stored revision's document with the workflow as it is now (status, approval, publication). */
export function presentDocument(row: ArticleRow, revision: RevisionRow): Article {
  const stored = storedDocument(revision.document)
  return { ...stored, ...serverWorkflowFields(row, revision.number), revision: revision.number }
}

export function currentVersion(row: ArticleRow, revision: RevisionRow): CurrentVersion {
  return {
    document: presentDocument(row, revision),
    revision: revision.number,
    savedBy: person(revision.saved_by, revision.saved_by_name),
    savedAt: revision.saved_at.toISOString(),
  }
}

export function leaseView(lease: LeaseRow | null, deviceId: string): StoryLease | null {
  if (lease === null) return null
  return {
    holder: person(lease.account_id, lease.holder_name),
    since: lease.since.toISOString(),
    expiresAt: lease.expires_at.toISOString(),
    yours: lease.device_id === deviceId,
  }
}

export function storyView(
  row: ArticleRow,
  revision: RevisionRow,
  lease: LeaseRow | null,
  deviceId: string,
): StoryView {
  return {
    ...currentVersion(row, revision),
    status: row.status,
    createdBy: person(row.created_by, row.created_by_name),
    approvedRevision: row.approved_revision,
    approvedBy:
      row.approved_by !== null && row.approved_by_name !== null
        ? person(row.approved_by, row.approved_by_name)
        : null,
    approvedAt: row.approved_at?.toISOString() ?? null,
    publishedRevision: row.published_revision,
    lease: leaseView(lease, deviceId),
  }
}
