import type { Correction } from '../shared/domain/Article'
import type { Publication } from '../shared/export/Publication'

/** What a push sends, and what the CMS answered. */
export type PushRequest = {
  articleId: string
  revision: number
  /** Same content, same key: lets a CMS drop a repeated delivery. */
  contentKey: string
  slug: string
  /** The validated Copydesk publish JSON. */
  document: Record<string, unknown>
  /** The same article laid out for readers, for CMSes that take their own markup. */
  publication: Publication
  /** The corrections readers see with this version, the one being pushed included. */
  corrections: Correction[]
  /** The id the CMS gave this article on an earlier push to this site, if any. */
  remoteId: string | null
  /** The slug the CMS had for it after that push: a different one now was changed in the CMS. */
  lastSlug: string | null
  /** A story scheduled by a desk chief: sent as a scheduled post ahead of time, published after it. */
  schedule?: { at: string; status: 'future' | 'publish' } | null
  /** The pictures the story uses (lead and figures), for CMSes with their own media library. */
  pictures?: PushPicture[]
  /** Which pictures each site already has: a picture goes to a site's library once. */
  media?: MediaLibrary
}

/** A picture the story uses, as it goes to a CMS: its web rendition (metadata already stripped). */
export type PushPicture = {
  /** The original's media id, as the lead picture and figure nodes name it. */
  mediaId: string
  filename: string
  contentType: string
  read: () => Promise<Uint8Array>
}

/** A picture in a site's media library: the CMS's id for it, and its address. */
export type RemoteMedia = {
  id: number
  url: string
  /** Its alt text and caption were set (a push that failed between the two does it on retry). */
  described: boolean
  /** The alt text and caption last set, so words the desk changed since are sent again. */
  describedAs?: string | undefined
}

/** What each site's media library holds of the desk's pictures, kept across pushes and restarts. */
export interface MediaLibrary {
  get(site: string, mediaId: string): RemoteMedia | null
  put(site: string, mediaId: string, media: RemoteMedia): Promise<void>
}

/** Where the story stands in the CMS, for CMSes that keep posts (WordPress). */
export type RemoteState = {
  /** The CMS's status of the post ("draft", "pending", "publish"…); null when it has none (webhook). */
  remoteStatus: string | null
  slug: string | null
  link: string | null
}

/** A post's state as read back, and whether it still carries the story's owner mark. */
export type CheckedPost = RemoteState & { mine: boolean }

export type PushResult = RemoteState & {
  remoteId: string | null
  status: number
  /** What the desk must know about this push (a slug clash, a post that was gone, a shortened excerpt). */
  notices: string[]
}

/** A failed push; `retry` is false when trying again cannot help (credentials refused, request rejected). */
export class PushError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message)
  }
}

export interface CmsClient {
  readonly name: string
  /** The settings that shape what this client sends: a change means the CMS has not got it yet. */
  readonly fingerprint: string
  /** The site it sends to (see siteKey): remembered post ids belong to it. */
  readonly site: string
  /** It keeps its own media library: the story's pictures are sent to it with the push. */
  readonly takesPictures?: boolean
  /**
   * It takes the pictures' renditions inside the publish JSON (the webhook): their bytes base64-
   * encoded, or links it fetches them from. The outbox builds the document with them.
   */
  readonly renditionsInDocument?: 'base64' | 'links'
  push(request: PushRequest): Promise<PushResult>
  /** Reads the post's state now, and whether it is still the story's; null when it no longer exists. */
  check?(remoteId: string, articleId: string): Promise<CheckedPost | null>
  /** Publishes a post that waits past its time (WordPress's "missed schedule"); its status after. */
  publish?(remoteId: string): Promise<string>
}

/** How long a CMS may take to answer before the push counts as failed (and is retried). */
export const DEFAULT_TIMEOUT_MS = 15_000

/** fetch with a timeout, turning network failures into retryable PushErrors that say what happened. */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  target: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : causeOf(error)
    throw new PushError(`${target} is not reachable: ${reason}`, true)
  }
}

/** fetchWithTimeout, then the answer's status as a PushError unless it is a success. */
export async function send(
  url: string,
  init: RequestInit,
  target: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Response> {
  return checkAnswer(await fetchWithTimeout(url, init, target, timeoutMs), target)
}

/** The answer, or its status as a PushError unless it is a success. */
export async function checkAnswer(response: Response, target: string): Promise<Response> {
  if (response.status >= 300 && response.status < 400) throw redirectError(response, target)
  if (response.status === 401 || response.status === 403) {
    throw new PushError(
      `${target} refused the credentials (HTTP ${response.status}); check them in Desk settings`,
      false,
    )
  }
  if (response.status >= 500 || response.status === 429) {
    throw new PushError(`${target} answered HTTP ${response.status}; it will be tried again`, true)
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => '')).slice(0, 200)
    throw new PushError(
      `${target} rejected the story (HTTP ${response.status}) ${body}`.trim(),
      false,
    )
  }
  return response
}

/**
 * A redirect is never followed: the credentials would go with it to wherever it points. The desk
 * is told the address to put in Desk settings instead.
 */
export function redirectError(
  response: Response,
  target: string,
  where = 'Desk settings',
): PushError {
  return new PushError(
    `${target} answered with a redirect (HTTP ${response.status}) to ${response.headers.get('location') ?? 'another address'}; put the final address in ${where}`,
    false,
  )
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause: unknown = error.cause
    if (cause instanceof Error && 'code' in cause) return `${String(cause.code)} (${cause.message})`
    return error.message
  }
  return String(error)
}
