import { isIPv4 } from 'node:net'

/** A desk address as the workstation keeps it, or why it cannot be joined. */
export type DeskUrl =
  | { ok: true; url: string; origin: string }
  | { ok: false; reason: 'invalid-url' | 'plain-http'; message: string }

/**
 * Checks and tidies the address a person typed for a desk: http(s) only, no user name or password
 * in it, no query or fragment, no trailing slash (a path prefix behind a proxy is kept). Plain
 * http:// is refused unless the host is this computer (a desk on one machine, tests): the password
 * and then the device token would cross the network readable.
 */
export function deskUrl(typed: string): DeskUrl {
  const text = typed.trim()
  let parsed: URL
  try {
    parsed = new URL(text)
  } catch {
    return invalid(
      `"${text.slice(0, 200)}" is not a web address: give the desk's address, e.g. https://desk.example.org.`,
    )
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return invalid(
      `A desk's address starts with https:// (got ${parsed.protocol}//): e.g. https://desk.example.org.`,
    )
  if (parsed.username || parsed.password)
    return invalid(
      "A desk's address carries no user name or password: give the e-mail with --email and the password separately.",
    )
  if (parsed.search || parsed.hash)
    return invalid(
      `A desk's address has no query or fragment (${parsed.search}${parsed.hash}): give it as "copydesk desk serve" printed it.`,
    )
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname))
    return {
      ok: false,
      reason: 'plain-http',
      message: `Refused to sign in to ${parsed.origin} over plain http://: the password and the device token would cross the network readable. Use the desk's https:// address (a desk server with --tls-cert and --tls-key, or behind a reverse proxy with TLS); http:// is only for a desk on this computer.`,
    }
  const path = parsed.pathname.replace(/\/+$/, '')
  return { ok: true, url: `${parsed.origin}${path}`, origin: parsed.origin }
}

/**
 * This computer: localhost, 127.0.0.0/8, ::1. Not names under .localhost: Node resolves those
 * through DNS like any name, so they could lead anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host === '::1') return true
  return isIPv4(host) && host.startsWith('127.')
}

function invalid(message: string): DeskUrl {
  return { ok: false, reason: 'invalid-url', message }
}
