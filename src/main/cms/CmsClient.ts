import type { Publication } from '../../shared/export/Publication'

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
  /** The id the CMS gave this article on an earlier push, if any. */
  remoteId: string | null
}

export type PushResult = { remoteId: string | null; status: number }

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
  push(request: PushRequest): Promise<PushResult>
}

/** How long a CMS may take to answer before the push counts as failed (and is retried). */
export const DEFAULT_TIMEOUT_MS = 15_000

/** fetch with a timeout, turning network failures into retryable PushErrors that say what happened. */
export async function send(
  url: string,
  init: RequestInit,
  target: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Response> {
  let response: Response
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : causeOf(error)
    throw new PushError(`${target} is not reachable: ${reason}`, true)
  }
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

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause: unknown = error.cause
    if (cause instanceof Error && 'code' in cause) return `${String(cause.code)} (${cause.message})`
    return error.message
  }
  return String(error)
}
