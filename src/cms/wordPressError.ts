import { PushError } from './CmsClient'
import { isRecord } from './isRecord'
import { isPlainHttpRemote } from './siteKey'

/** The WP_Error JSON WordPress answers with: code, message and data (status, params, details). */
export type WordPressErrorBody = {
  code: string
  message: string
  data: Record<string, unknown>
}

/**
 * Where the answer is read: a push (the desk fixes things in Desk settings), or the sign-in test
 * run from Desk settings or `copydesk target test` (so no "check them in Desk settings").
 */
export type WordPressErrorContext = 'push' | 'sign-in'

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
 * `rest_invalid_param` "Status is forbidden". On an http:// site that is not local, WordPress does
 * not offer application passwords at all (wp_is_application_passwords_supported needs HTTPS or a
 * local environment), so the cause named there is the address, not the password. Only 5xx and 429
 * are worth retrying.
 */
export function wordPressError(
  status: number,
  body: unknown,
  siteUrl: string,
  context: WordPressErrorContext = 'push',
): PushError {
  const error = readWordPressError(body)
  const said = error ? `${error.code}: ${error.message}${paramsOf(error)}` : `HTTP ${status}`
  const inSettings = context === 'push' ? ' in Desk settings' : ''
  if (status >= 500 || status === 429)
    return new PushError(
      `WordPress answered HTTP ${status} (${said}); it will be tried again`,
      true,
    )
  if (!error) {
    return new PushError(
      `No WordPress REST API answered at ${siteUrl}/wp-json/ (HTTP ${status}, not a WordPress answer); check the site URL${inSettings}`,
      false,
    )
  }
  if (error.code === 'rest_no_route')
    return new PushError(
      `${siteUrl} has no WordPress REST API route for this (${said}); check the site URL${inSettings}, and that the REST API is not disabled`,
      false,
    )
  if (error.code === 'application_passwords_disabled_for_user')
    return new PushError(
      `WordPress does not let this user sign in with an application password (${said}); ask the site's administrator to allow it, or use another user${inSettings}`,
      false,
    )
  if (
    error.code === 'application_passwords_disabled' ||
    (isCredentials(status, error) && isPlainHttpRemote(siteUrl))
  )
    return new PushError(
      `WordPress at ${siteUrl} does not accept application passwords over http:// (WordPress offers them only on HTTPS sites, or on a site set up as a local environment, and over http the password would cross the network unencrypted); use the site's https:// address${inSettings}. WordPress said HTTP ${status} ${said}`,
      false,
    )
  // WP_REST_Attachments_Controller refuses a user without upload_files with HTTP 400, not 403.
  if (error.code === 'rest_cannot_create' && status === 400)
    return new PushError(
      `The WordPress user may not upload pictures to the media library (${said}); give the user the Author or Editor role${inSettings}`,
      false,
    )
  if (error.code === 'rest_cannot_publish')
    return new PushError(
      `The WordPress user may not publish posts (${said}); give the user the Author or Editor role, or choose Pending review as the WordPress post status${inSettings}`,
      false,
    )
  if (isCredentials(status, error)) {
    const hint =
      error.code === 'rest_not_logged_in'
        ? ' (WordPress saw no signed-in user: a wrong password, or a web server that drops the Authorization header)'
        : ''
    const what =
      context === 'push'
        ? 'check them in Desk settings (Test connection)'
        : 'check both (an application password is made in WordPress under Users › Profile › Application Passwords; the login password does not work here)'
    return new PushError(
      `WordPress did not accept the user name or application password; ${what}${hint}. WordPress said HTTP ${status} ${said}`,
      false,
    )
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
