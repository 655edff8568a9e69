/**
 * The site a target URL names, the unit a remembered post id belongs to: scheme, host, port and
 * path, lower-cased host, no trailing slash, no query. Two WordPress sites on one host
 * (example.com/news and example.com/sport) are two sites.
 */
export function siteKey(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`
  } catch {
    return url.trim()
  }
}

/**
 * True for an http:// address that is not on this machine or a local development name: WordPress
 * refuses application passwords there, and the password would cross the network unencrypted.
 */
export function isPlainHttpRemote(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url)
    if (protocol !== 'http:') return false
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
    return !(
      host === 'localhost' ||
      host === '::1' ||
      /^127\.\d+\.\d+\.\d+$/.test(host) ||
      /\.(localhost|local|test)$/.test(host)
    )
  } catch {
    return false
  }
}
