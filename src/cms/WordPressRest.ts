import { fetchWithTimeout, PushError, redirectError } from './CmsClient'
import { isRecord } from './isRecord'
import { wordPressError, type WordPressErrorContext } from './wordPressError'

/** Where and as whom Copydesk talks to a WordPress site. */
export type WordPressSite = {
  siteUrl: string
  user: string
  password: string
  timeoutMs?: number | undefined
}

/** A 404 `rest_post_invalid_id`: the post does not exist (deleted, or never was). */
export class PostNotFound extends PushError {
  constructor(id: string) {
    super(`WordPress post ${id} does not exist (deleted in WordPress)`, true)
  }
}

type RequestInit = {
  method?: 'GET' | 'POST'
  body?: unknown
  /** A tag create answered 400 term_exists: its id, as if it had been made. */
  acceptTermExists?: boolean
  /** The post id a 404 rest_post_invalid_id is about. */
  post?: string
}

/**
 * The WordPress REST API with an application password (HTTP Basic): one call, its parsed answer,
 * or a PushError that names the cause (see wordPressError). Redirects are never followed.
 */
export class WordPressRest {
  constructor(
    private readonly site: WordPressSite,
    private readonly context: WordPressErrorContext = 'push',
  ) {}

  /** A wp/v2 route, e.g. "/posts?search=…". */
  v2(path: string, init: RequestInit = {}): Promise<unknown> {
    return this.call(`/wp/v2${path}`, init)
  }

  /** Any route under /wp-json (the index is "/"). */
  async call(route: string, init: RequestInit = {}): Promise<unknown> {
    const base = this.site.siteUrl.replace(/\/+$/, '')
    const response = await fetchWithTimeout(
      `${base}/wp-json${route}`,
      {
        method: init.method ?? 'GET',
        headers: this.headers(),
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      },
      'WordPress',
      this.site.timeoutMs,
    )
    if (response.status >= 300 && response.status < 400)
      throw redirectError(response, 'WordPress', "Desk settings (the site's final address)")
    const body: unknown = await response.json().catch(() => undefined)
    if (response.ok && body !== undefined) return body
    const code = isRecord(body) ? body['code'] : undefined
    if (init.acceptTermExists && code === 'term_exists' && isRecord(body) && isRecord(body['data']))
      return { id: Number(body['data']['term_id']) }
    if (response.status === 404 && code === 'rest_post_invalid_id')
      throw new PostNotFound(init.post ?? '')
    throw wordPressError(response.status, body, this.site.siteUrl, this.context)
  }

  private headers(): Record<string, string> {
    const basic = Buffer.from(`${this.site.user}:${this.site.password}`).toString('base64')
    return { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' }
  }
}
