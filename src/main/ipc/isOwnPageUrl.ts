/**
 * True when `url` is the app's own page, whatever its hash: the same page on app://copydesk/ (`/`
 * and `/index.html` are the same file), or the same origin as a development build's dev server.
 * Never a file:// page: the app is no longer loaded from one, so any file:// page is someone else's.
 */
export function isOwnPageUrl(url: string, pageUrl: string): boolean {
  try {
    const actual = new URL(url)
    const expected = new URL(pageUrl)
    if (expected.protocol === 'http:' || expected.protocol === 'https:')
      return actual.origin === expected.origin
    if (expected.protocol !== 'app:') return false
    return (
      actual.protocol === 'app:' &&
      actual.host === expected.host &&
      actual.username === '' &&
      actual.password === '' &&
      pagePath(actual.pathname) === pagePath(expected.pathname)
    )
  } catch {
    return false
  }
}

function pagePath(pathname: string): string {
  return pathname === '/' ? '/index.html' : pathname
}
