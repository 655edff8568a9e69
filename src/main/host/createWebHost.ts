import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { toSerializedError, AppError, type Envelope } from '../../shared/ipc/AppError'
import {
  CHECK_PATH,
  HOST_RUN_HEADER,
  LAUNCH_PATH,
  LaunchInput,
  type HostCheck,
  type HostSessionInfo,
} from '../../shared/ipc/HostSession'
import type { Dispatcher } from '../ipc/createDispatcher'
import { LaunchCodes, type LaunchCode } from './LaunchCodes'
import { serveRendererFile } from './serveRendererFile'
import type { Clock } from '../../shared/domain/Clock'

export type WebHost = {
  /** Origin of the host, e.g. http://127.0.0.1:5199. */
  origin: string
  /** The address to open: carries the per-run token in the fragment, which never reaches a server log. */
  url: string
  token: string
  /** Random per run: a tab holding a token from an earlier run can tell it was restarted. */
  runId: string
  /**
   * A one-time launch address (`/#code=…`): its code is exchanged once for the token, then dead,
   * and dies unused after `ttlMs`. For handing to another program (the browser), whose command
   * line other users can read, instead of `url`.
   */
  launch: (ttlMs?: number, onUsed?: () => void) => LaunchCode & { url: string }
  close: () => Promise<void>
}

export type WebHostOptions = {
  dispatch: Dispatcher
  rendererDir: string
  port?: number
  token?: string
  /** The clock for launch codes; tests move it. */
  clock?: Clock
}

/** Long enough for a cold browser to start and load the page; short enough to be useless later. */
export const LAUNCH_CODE_TTL_MS = 5 * 60 * 1000

const MAX_BODY_BYTES = 20 * 1024 * 1024
/** Calls that carry a picture file: the largest the desk settings allow (100 MB), as base64 JSON. */
const PICTURE_CALLS = new Set(['importPicture', 'addPicture'])
const MAX_PICTURE_BODY_BYTES = 140 * 1024 * 1024

/**
 * Serves the built renderer on 127.0.0.1 and carries the IPC contract over HTTP (POST /api/<method>)
 * to the same dispatcher the Electron app uses. Calls need the per-run bearer token and our own
 * Origin and Host, so no other page, site or local user can drive the store.
 */
export async function createWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const runId = randomBytes(12).toString('hex')
  const codes = new LaunchCodes(options.clock)
  let origin = ''
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      sendJson(res, 500, { ok: false, error: toSerializedError(error) }),
    )
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'no-referrer')
    if (req.headers.host !== new URL(origin).host) return refuse(res, 421, 'Wrong Host header.')
    // Only after the Host check: a DNS-rebinding page must not learn even which run it reached.
    res.setHeader(HOST_RUN_HEADER, runId)
    const path = new URL(req.url ?? '/', origin).pathname
    if (path === LAUNCH_PATH || path === CHECK_PATH) return handleSession(req, res, path)
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'API calls use POST.')
      if (req.headers.origin !== origin)
        return refuse(res, 403, 'Calls from another origin are refused.')
      if (!hasToken(req.headers.authorization, token))
        return refuse(res, 403, 'Missing or wrong access token.')
      if (!req.headers['content-type']?.startsWith('application/json')) {
        return refuse(res, 415, 'API calls send application/json.')
      }
      const method = path.slice('/api/'.length)
      const payload = await readJson(
        req,
        PICTURE_CALLS.has(method) ? MAX_PICTURE_BODY_BYTES : MAX_BODY_BYTES,
      )
      const envelope = payload.ok ? await options.dispatch(method, payload.value) : payload
      return sendJson(res, 200, envelope)
    }
    const file = await serveRendererFile(options.rendererDir, req.method ?? '', path)
    res.writeHead(file.status, file.headers)
    res.end(file.body)
  }

  /** The two calls a tab makes before it holds a working token: exchange a launch code, check a token. */
  async function handleSession(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'Session calls use POST.')
    if (req.headers.origin !== origin)
      return refuse(res, 403, 'Calls from another origin are refused.')
    if (!req.headers['content-type']?.startsWith('application/json'))
      return refuse(res, 415, 'Session calls send application/json.')
    const payload = await readJson(req)
    if (!payload.ok) return sendJson(res, 400, payload)
    if (path === CHECK_PATH) {
      if (!hasToken(req.headers.authorization, token))
        return refuse(res, 403, 'Missing or wrong access token.')
      return sendJson(res, 200, { ok: true, value: { runId } satisfies HostCheck })
    }
    const input = LaunchInput.safeParse(payload.value)
    if (!input.success) return refuse(res, 400, 'A launch call sends {"code": "…"}.')
    const redeemed = codes.redeem(input.data.code)
    if (!redeemed.ok)
      return refuse(res, redeemed.reason === 'unknown' ? 403 : 410, redeemed.message)
    return sendJson(res, 200, { ok: true, value: { token, runId } satisfies HostSessionInfo })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address: AddressInfo | string | null = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  origin = `http://127.0.0.1:${port}`
  return {
    origin,
    token,
    runId,
    url: `${origin}/#token=${token}`,
    launch: (ttlMs = LAUNCH_CODE_TTL_MS, onUsed) => {
      const issued = codes.issue(ttlMs, onUsed)
      return { ...issued, url: `${origin}/#code=${issued.code}` }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function hasToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

async function readJson(
  req: IncomingMessage,
  maxBytes = MAX_BODY_BYTES,
): Promise<Envelope<unknown>> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size > maxBytes) {
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `Request too large (over ${Math.round(maxBytes / 1024 / 1024)} MB).`,
        },
      }
    }
    chunks.push(buffer)
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) }
  } catch {
    return {
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Request body is not valid JSON.' },
    }
  }
}

function refuse(res: ServerResponse, status: number, message: string): void {
  const error = new AppError('FORBIDDEN', message)
  sendJson(res, status, { ok: false, error: toSerializedError(error) })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  res.end(JSON.stringify(body))
}
