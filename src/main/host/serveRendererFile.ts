import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, join, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy'

/** What to answer: the same shape for the browser host's HTTP server and Electron's app:// handler. */
export type RendererResponse = {
  status: number
  headers: Record<string, string>
  /** Empty for HEAD and for refusals' bodies that are JSON text. */
  body: Buffer | string
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
}

/** Characters no file of the built renderer has in its name, and that mean another path somewhere. */
function isForbiddenName(name: string): boolean {
  if (name === '' || name === '.' || name === '..') return true
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0
    if (char === '/' || char === '\\' || char === ':' || code < 0x20 || code === 0x7f) return true
  }
  return false
}

/**
 * Answers a request for one file of the built renderer under `root`, given the request's method
 * and its URL path as sent (still percent-encoded). Only GET and HEAD; `/` is `/index.html`.
 * A path that would leave the folder in any spelling (`..`, `%2e%2e`, an encoded `/` or `\`, a
 * drive letter, NUL, an empty segment) is refused before the disk is touched, and a file reached
 * through a symlink pointing outside `root` is refused too. Every answer carries the CSP.
 */
export async function serveRendererFile(
  root: string,
  method: string,
  urlPath: string,
): Promise<RendererResponse> {
  if (method !== 'GET' && method !== 'HEAD')
    return refusal(405, 'Only GET and HEAD for pages.', { Allow: 'GET, HEAD' })
  const names = fileNames(urlPath === '/' ? '/index.html' : urlPath)
  if (names === 'malformed') return refusal(400, 'Malformed address.')
  if (names === 'outside') return refusal(404, 'Not found.')
  let realRoot: string
  let realFile: string
  try {
    realRoot = await realpath(root)
    realFile = await realpath(join(realRoot, ...names))
    if (!realFile.startsWith(realRoot + sep) || !(await stat(realFile)).isFile())
      return refusal(404, 'Not found.')
  } catch {
    return refusal(404, 'Not found.')
  }
  let body: Buffer
  try {
    body = await readFile(realFile)
  } catch {
    return refusal(404, 'Not found.')
  }
  const type = extname(realFile).toLowerCase()
  return {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': TYPES[type] ?? 'application/octet-stream',
      'Content-Length': String(body.length),
      // The page itself is never cached, so a new version is picked up; its hashed assets may be.
      'Cache-Control': type === '.html' ? 'no-store' : 'max-age=3600',
    },
    body: method === 'HEAD' ? '' : body,
  }
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
}

/** The decoded path segments, or why there are none: each segment decoded once, then checked. */
function fileNames(urlPath: string): string[] | 'malformed' | 'outside' {
  if (!urlPath.startsWith('/')) return 'outside'
  const names: string[] = []
  for (const raw of urlPath.slice(1).split('/')) {
    let name: string
    try {
      name = decodeURIComponent(raw)
    } catch {
      // Found by fuzzing the browser host: a broken %-escape threw and was answered as a failure.
      return 'malformed'
    }
    if (isForbiddenName(name)) return 'outside'
    names.push(name)
  }
  return names
}

/** A refusal with the browser host's error envelope, the CSP and no caching. */
export function refusal(
  status: number,
  message: string,
  extra: Record<string, string> = {},
): RendererResponse {
  return {
    status,
    headers: {
      ...SECURITY_HEADERS,
      ...extra,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    },
    // The browser host's error envelope, so a tab reads a refused page like a refused call.
    body: JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message } }),
  }
}
