import { PushError } from './CmsClient'

/** The WP_Error JSON WordPress answers with: code, message and data (status, params, details). */
export type WordPressErrorBody = {
  code: string
  message: string
  data: Record<string, unknown>
}

const CREDENTIALS =
  'WordPress did not accept the user name or application password; check them in Desk settings (Test connection)'

/** Reads a WP_Error body, or null when the answer is not one. */
export function readWordPressError(body: unknown): WordPressErrorBody | null {
  if (!isRecord(body) || typeof body['code'] !== 'string') return null
  const message = typeof body['message'] === 'string' ? body['message'] : ''
  const data = isRecord(body['data']) ? body['data'] : {}
  return { code: body['code'], message: stripTags(message), data }
}

/**
 * A failed WordPress answer as a PushError that names the cause and what to do. Credentials get
 * one sentence however WordPress phrases it: 401 `incorrect_password`, `rest_not_logged_in`, or a
 * site that treats a wrong password as an anonymous visitor and so refuses `status=any` with 400
 * `rest_invalid_param` "Status is forbidden". Only 5xx and 429 are worth retrying.
 */
export function wordPressError(status: number, body: unknown, siteUrl: string): PushError {
  const error = readWordPressError(body)
  const said = error ? `${error.code}: ${error.message}${paramsOf(error)}` : `HTTP ${status}`
  if (status >= 500 || status === 429)
    return new PushError(
      `WordPress answered HTTP ${status} (${said}); it will be tried again`,
      true,
    )
  if (!error) {
    return new PushError(
      `No WordPress REST API answered at ${siteUrl}/wp-json/ (HTTP ${status}, not a WordPress answer); check the site URL in Desk settings`,
      false,
    )
  }
  if (error.code === 'rest_no_route')
    return new PushError(
      `${siteUrl} has no WordPress REST API route for this (${said}); check the site URL in Desk settings, and that the REST API is not disabled`,
      false,
    )
  if (error.code === 'rest_cannot_publish')
    return new PushError(
      `The WordPress user may not publish posts (${said}); give the user the Author or Editor role, or choose Pending review as the WordPress post status in Desk settings`,
      false,
    )
  if (isCredentials(status, error)) {
    const hint =
      error.code === 'rest_not_logged_in'
        ? ' (WordPress saw no signed-in user: a wrong password, or a web server that drops the Authorization header)'
        : ''
    return new PushError(`${CREDENTIALS}${hint}. WordPress said HTTP ${status} ${said}`, false)
  }
  if (status === 403)
    return new PushError(
      `The WordPress user is not allowed to do this (HTTP 403 ${said}); give the user the Editor role, or use another user`,
      false,
    )
  return new PushError(
    `WordPress rejected the post (HTTP ${status} ${said}); it will not be retried by itself: fix what WordPress names, then Retry`,
    false,
  )
}

/** 401 is "not signed in"; a forbidden status for an anonymous visitor is the same thing. */
function isCredentials(status: number, error: WordPressErrorBody): boolean {
  if (status === 401) return true
  if (error.code !== 'rest_invalid_param') return false
  const details = isRecord(error.data['details']) ? error.data['details'] : {}
  const statusDetail = isRecord(details['status']) ? details['status'] : {}
  const params = isRecord(error.data['params']) ? error.data['params'] : {}
  return (
    statusDetail['code'] === 'rest_forbidden_status' ||
    /status is forbidden/i.test(String(params['status'] ?? ''))
  )
}

function paramsOf(error: WordPressErrorBody): string {
  const params = error.data['params']
  if (!isRecord(params)) return ''
  const list = Object.entries(params).map(([name, why]) => `${name}: ${String(why)}`)
  return list.length > 0 ? ` (${list.join('; ')})` : ''
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, '').trim()
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
