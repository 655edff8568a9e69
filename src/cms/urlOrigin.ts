/** The origin (scheme, host and port) of an http(s) URL, the unit a stored secret is bound to. */
export function urlOrigin(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null
  } catch {
    return null
  }
}
