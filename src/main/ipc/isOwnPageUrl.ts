/** True when `url` is the app's own page (same file, or same dev-server origin), whatever its hash. */
export function isOwnPageUrl(url: string, pageUrl: string): boolean {
  try {
    const actual = new URL(url)
    const expected = new URL(pageUrl)
    if (expected.protocol === 'file:')
      return actual.protocol === 'file:' && actual.pathname === expected.pathname
    return actual.origin === expected.origin
  } catch {
    return false
  }
}
