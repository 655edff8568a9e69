import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FakeWordPress } from './fakeWordPress'

export { FAKE_WP_NAME, FAKE_WP_PASSWORD, FAKE_WP_USER, type FakePost } from './fakeWordPress'

export type FakeCmsMode = 'ok' | 'error500' | 'unauthorized' | 'timeout'

export const FAKE_TOKEN = 'hook-token'

/**
 * A CMS on 127.0.0.1 for tests: a webhook (POST /hook, bearer token, Idempotency-Key) and a
 * WordPress REST API (`wordpress`, see FakeWordPress for the WordPress 6.1 quirks it reproduces),
 * with modes for 500s, refused credentials and requests that never answer. It can stop and start
 * on the same port, and keeps what it was sent.
 */
export class FakeCms {
  mode: FakeCmsMode = 'ok'
  readonly hooks = new Map<string, unknown>()
  /** The largest webhook body taken (as a web server's client_max_body_size); larger: HTTP 413. */
  hookLimitBytes: number | null = null
  /** A folder served at /pictures/ (GET and HEAD), as a desk's web server serves its renditions. */
  pictureFolder: string | null = null
  readonly wordpress = new FakeWordPress(() => this.url)
  /** Every request, as "METHOD /path?query", in order. */
  readonly log: string[] = []
  requests = 0
  private server: Server | null = null

  constructor(private port = 0) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get posts() {
    return this.wordpress.posts
  }

  get tags() {
    return this.wordpress.tags
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve))
    const address: AddressInfo | string | null = server.address()
    if (address && typeof address === 'object') this.port = address.port
    this.server = server
    return this
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private servePicture(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    return servePictureFrom(this.pictureFolder, req, res, url)
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests += 1
    this.log.push(`${req.method ?? 'GET'} ${req.url ?? '/'}`)
    if (this.mode === 'timeout') return
    if (this.mode === 'error500') return send(res, 500, { message: 'internal error' })
    // As nginx does with client_max_body_size: refused from the announced length, body unread.
    const announced = Number(req.headers['content-length'] ?? 0)
    if (this.hookLimitBytes !== null && req.url === '/hook' && announced > this.hookLimitBytes) {
      res.setHeader('Connection', 'close')
      return send(res, 413, { message: 'Request Entity Too Large' })
    }
    const raw = await readRaw(req)
    const body = parseJson(raw)
    const url = new URL(req.url ?? '/', this.url)
    if (url.pathname.startsWith('/pictures/')) return this.servePicture(req, res, url)
    if (url.pathname === '/hook') {
      if (this.hookLimitBytes !== null && raw.length > this.hookLimitBytes)
        return send(res, 413, { message: 'Request Entity Too Large' })
      if (this.mode === 'unauthorized' || req.headers.authorization !== `Bearer ${FAKE_TOKEN}`)
        return send(res, 401, { message: 'bad token' })
      const key = String(req.headers['idempotency-key'] ?? '')
      const repeat = this.hooks.has(key)
      this.hooks.set(key, body)
      return send(res, repeat ? 200 : 201, { received: key })
    }
    const reply = this.wordpress.handle(
      req.method ?? 'GET',
      url,
      req.headers.authorization,
      body,
      this.mode === 'unauthorized',
      {
        data: raw,
        contentType: req.headers['content-type'],
        disposition: req.headers['content-disposition'],
      },
    )
    return send(res, reply.status, reply.body, reply.headers)
  }
}

/** Serves a file of `pictureFolder` by its name, or 404. */
async function servePictureFrom(
  folder: string | null,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const name = decodeURIComponent(url.pathname.slice('/pictures/'.length))
  if (folder === null || !/^[0-9a-z.]+$/.test(name)) return send(res, 404, { message: 'none' })
  const data = await readFile(join(folder, name)).catch(() => null)
  if (data === null) return send(res, 404, { message: 'not found' })
  res.writeHead(200, { 'Content-Length': String(data.length) })
  res.end(req.method === 'HEAD' ? undefined : data)
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  return Buffer.concat(chunks)
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8') || 'null')
  } catch {
    return null
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers })
  res.end(JSON.stringify(body))
}
