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
  /** A file sent as it is (a media upload), instead of a JSON body. */
  file?: { data: Uint8Array; filename: string; contentType: string }
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
        headers: init.file ? this.fileHeaders(init.file) : this.headers(),
        body: init.file
          ? Buffer.from(init.file.data)
          : init.body === undefined
            ? undefined
            : JSON.stringify(init.body),
      },
      'WordPress',
      this.site.timeoutMs,
    )
    if (response.status >= 300 && response.status < 400)
      throw redirectError(response, 'WordPress', "Desk settings (the site's final address)")
    // Usually the web server's own page (nginx's client_max_body_size), not WordPress's JSON.
    if (response.status === 413)
      throw new PushError(
        `The site refused a file of ${init.file?.data.length ?? 0} bytes as too large (HTTP 413); raise the web server's or PHP's upload limit (client_max_body_size, upload_max_filesize), then Retry`,
        false,
      )
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

  /** A raw upload as /wp/v2/media takes it: the bytes, their type and the file's name. */
  private fileHeaders(file: { filename: string; contentType: string }): Record<string, string> {
    return {
      ...this.headers(),
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '')}"`,
    }
  }
}
