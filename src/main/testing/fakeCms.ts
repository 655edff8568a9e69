import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeCmsMode = 'ok' | 'error500' | 'unauthorized' | 'timeout'
export type FakePost = {
  id: number
  title: string
  excerpt: string
  content: string
  status: string
  slug: string
  tags: number[]
}

export const FAKE_TOKEN = 'hook-token'
export const FAKE_WP_USER = 'desk'
export const FAKE_WP_PASSWORD = 'abcd efgh ijkl mnop'

/**
 * A CMS on 127.0.0.1 for tests: a webhook (POST /hook, bearer token, Idempotency-Key) and the
 * WordPress REST shapes Copydesk uses (posts create/update/find by slug, tags), with modes for
 * 500s, refused credentials and requests that never answer. It can stop and start on the same port.
 */
export class FakeCms {
  mode: FakeCmsMode = 'ok'
  readonly hooks = new Map<string, unknown>()
  readonly posts = new Map<number, FakePost>()
  readonly tags = new Map<number, string>()
  requests = 0
  private server: Server | null = null
  private nextId = 100

  constructor(private port = 0) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
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

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests += 1
    if (this.mode === 'timeout') return
    if (this.mode === 'error500') return send(res, 500, { message: 'internal error' })
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', this.url)
    if (url.pathname === '/hook') {
      if (this.mode === 'unauthorized' || req.headers.authorization !== `Bearer ${FAKE_TOKEN}`)
        return send(res, 401, { message: 'bad token' })
      const key = String(req.headers['idempotency-key'] ?? '')
      const repeat = this.hooks.has(key)
      this.hooks.set(key, body)
      return send(res, repeat ? 200 : 201, { received: key })
    }
    const expected = `Basic ${Buffer.from(`${FAKE_WP_USER}:${FAKE_WP_PASSWORD}`).toString('base64')}`
    if (this.mode === 'unauthorized' || req.headers.authorization !== expected)
      return send(res, 401, { code: 'rest_not_logged_in' })
    const wp = /^\/wp-json\/wp\/v2\/(posts|tags)(?:\/(\d+))?$/.exec(url.pathname)
    if (!wp) return send(res, 404, { code: 'rest_no_route' })
    const [, kind, id] = wp
    if (kind === 'tags') {
      if (req.method === 'GET') {
        const search = (url.searchParams.get('search') ?? '').toLowerCase()
        return send(
          res,
          200,
          [...this.tags]
            .filter(([, name]) => name.toLowerCase().includes(search))
            .map(([tagId, name]) => ({ id: tagId, name })),
        )
      }
      const tagId = (this.nextId += 1)
      this.tags.set(tagId, String(field(body, 'name')))
      return send(res, 201, { id: tagId, name: field(body, 'name') })
    }
    if (req.method === 'GET') {
      const slug = url.searchParams.get('slug')
      return send(
        res,
        200,
        [...this.posts.values()].filter((p) => p.slug === slug),
      )
    }
    const post = {
      title: String(field(body, 'title')),
      excerpt: String(field(body, 'excerpt')),
      content: String(field(body, 'content')),
      status: String(field(body, 'status')),
      slug: String(field(body, 'slug')),
      tags: Array.isArray(field(body, 'tags')) ? (field(body, 'tags') as number[]) : [],
    }
    if (id) {
      if (!this.posts.has(Number(id))) return send(res, 404, { code: 'rest_post_invalid_id' })
      this.posts.set(Number(id), { id: Number(id), ...post })
      return send(res, 200, { id: Number(id) })
    }
    const postId = (this.nextId += 1)
    this.posts.set(postId, { id: postId, ...post })
    return send(res, 201, { id: postId })
  }
}

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' && name in body
    ? (body as Record<string, unknown>)[name]
    : undefined
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null')
  } catch {
    return null
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}
