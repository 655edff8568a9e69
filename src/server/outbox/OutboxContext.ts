import type { CmsClient } from '../../cms/CmsClient'
import type { PictureSource } from '../../cms/picturesToPush'
import type { MediaId } from '../../shared/media/MediaId'
import type { Clock } from '../../shared/domain/Clock'
import type { PushTarget } from '../../shared/domain/OutboxItem'
import type { Db } from '../db/Db'
import type { StoryService } from '../stories/StoryService'

/** Links to the desk's renditions (RenditionLinks): its public address, and one rendition's. */
export type RenditionLinker = { readonly base: string; href(id: MediaId): string }

/** One structured log line: never a secret in it (the clients' errors never carry one). */
export type OutboxLog = (
  level: 'info' | 'warn' | 'error',
  message: string,
  fields?: Record<string, string | number | null>,
) => void

/** What the outbox's parts share: the database, the stories, the time, the CMS clients, the log. */
export type OutboxContext = {
  db: Db
  stories: StoryService
  clock: Clock
  /** The configured client for a target, or why there is none. */
  client: (target: PushTarget) => Promise<CmsClient | string>
  log: OutboxLog
  /** How long a claim keeps other processes off an item: past it, the sender counts as dead. */
  claimMs: number
  /** The desk's pictures, for a CMS with a media library; null on a desk built without them. */
  pictures: PictureSource | null
  /** Links to the desk's renditions, for a webhook taking pictures as links; null: base64. */
  renditionLinks: RenditionLinker | null
  /** An error's message with every CMS secret this process knows withheld (see SecretRedactor). */
  messageOf: (error: unknown) => string
}

export function isoAt(clock: Clock, plusMs = 0): string {
  return new Date(clock.now().getTime() + plusMs).toISOString()
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** One JSON line per event on stderr, as the rest of the desk server logs. */
export const jsonLog: OutboxLog = (level, message, fields = {}) => {
  process.stderr.write(`${JSON.stringify({ level, area: 'outbox', message, ...fields })}\n`)
}
