import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, join, sep } from 'node:path'
import type { AppErrorCode } from '../../shared/ipc/AppError'
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy'

/** What to answer: the same shape for the browser host's HTTP server and Electron's app:// handler. */
export type RendererResponse = {
  status: number
  headers: Record<string, string>
  /**
   * The file's bytes, or a refusal's JSON error envelope (text); empty in every answer to HEAD,
   * whose headers say what GET would send.
   */
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
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  // WebAssembly.instantiateStreaming compiles only a response of exactly this type.
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Windows opens a device, not a file, for these names whatever follows the first dot (`NUL.js`,
 * `com1.txt`), and drops trailing dots and spaces (`index.html.` is `index.html`): such a name
 * never means the file it spells, so it is refused before the file system sees it, on every system.
 */
const WINDOWS_DEVICE = /^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])$/i

/** Characters no file of the built renderer has in its name, and that mean another path somewhere. */
function isForbiddenName(name: string): boolean {
  if (name === '' || name === '.' || name === '..') return true
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0
    if (char === '/' || char === '\\' || char === ':' || code < 0x20 || code === 0x7f) return true
  }
  if (name.endsWith('.') || name.endsWith(' ')) return true
  const stem = (name.split('.')[0] ?? '').trimEnd()
  return WINDOWS_DEVICE.test(stem)
}

/**
 * Answers a request for one file of the built renderer under `root`, given the request's method
 * and its URL path as sent (still percent-encoded). Only GET and HEAD; `/` is `/index.html`.
 * A path that would leave the folder in any spelling (`..`, `%2e%2e`, an encoded `/` or `\`, a
 * drive letter, NUL, an empty segment, a Windows device name such as `NUL.js`, a trailing dot or
 * space) is refused before the disk is touched, and a file reached
 * through a symlink pointing outside `root` is refused too. Every answer carries the CSP.
 */
export async function serveRendererFile(
  root: string,
  method: string,
  urlPath: string,
): Promise<RendererResponse> {
  if (method !== 'GET' && method !== 'HEAD')
    return refusal(405, 'Only GET and HEAD for pages.', { Allow: 'GET, HEAD' })
  const refuse = (status: number, message: string) => {
    const answer = refusal(status, message)
    return method === 'HEAD' ? { ...answer, body: '' } : answer
  }
  const names = fileNames(urlPath === '/' ? '/index.html' : urlPath)
  if (names === 'malformed') return refuse(400, 'Malformed address.')
  if (names === 'outside') return refuse(404, 'Not found.')
  let realRoot: string
  let realFile: string
  try {
    realRoot = await realpath(root)
    realFile = await realpath(join(realRoot, ...names))
    if (!realFile.startsWith(realRoot + sep) || !(await stat(realFile)).isFile())
      return refuse(404, 'Not found.')
  } catch {
    return refuse(404, 'Not found.')
  }
  let body: Buffer
  try {
    body = await readFile(realFile)
  } catch {
    return refuse(404, 'Not found.')
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

/** The browser host's error code for a refusal's HTTP status. */
const CODES: Record<number, AppErrorCode> = {
  400: 'INVALID_INPUT',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'REFUSED',
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
    body: JSON.stringify({ ok: false, error: { code: CODES[status] ?? 'REFUSED', message } }),
  }
}
